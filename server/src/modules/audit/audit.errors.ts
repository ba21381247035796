import { errorFactory } from '../../lib/errors'

const auditError = errorFactory('audit')
export const AuditErrors = {
  badCursor: () => auditError(400, 'invalid_cursor', '分页游标无效', 'querystring.cursor'),
  badRange: () => auditError(400, 'invalid_range', '起始时间不能晚于结束时间', 'querystring.from'),
}
