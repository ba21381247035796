import { errorFactory } from '../../lib/errors'

const statsError = errorFactory('stats')
export const StatsErrors = {
  badRange: () => statsError(400, 'invalid_range', '起始日期不能晚于结束日期', 'querystring.from'),
  tooLong: (days: number) => statsError(400, 'period_too_long', `统计时段最长 ${days} 天，请缩短时段`, 'querystring.to'),
  forbidden: () => statsError(403, 'forbidden', '您没有该单元统计数据的查看权限'),
}
