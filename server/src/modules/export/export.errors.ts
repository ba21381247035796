import { errorFactory } from '../../lib/errors'

const exportError = errorFactory('export')
export const ExportErrors = {
  /** a filter the dataset's list does not have, or a value it does not know */
  badFilter: (name: string, why: string) => exportError(400, 'invalid_filter', why, `querystring.${name}`),
  badRange: () => exportError(400, 'invalid_range', '起始时间不能晚于结束时间', 'querystring.from'),
  pollRequired: () => exportError(400, 'poll_required', '请选择要导出的投票（pollId）', 'querystring.pollId'),
  pollNotInUnit: () => exportError(404, 'poll_not_in_unit', '该投票不在此单元的辖区内', 'querystring.pollId'),
  notACommunity: () => exportError(422, 'not_a_community', '审计日志按社区记录，请选择社区（村、企业）或其下的单元', 'params.id'),
  forbidden: (what: string) => exportError(403, 'forbidden', `您没有导出该单元${what}的权限`),
}

/** A filter value checked against the list's own enum (400 naming the filter otherwise). */
export function checked<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, name: string, value: string | undefined): T | undefined {
  if (value === undefined) return undefined
  const r = schema.safeParse(value)
  if (!r.success) throw ExportErrors.badFilter(name, `筛选条件 ${name} 的值“${value}”无效`)
  return r.data
}
