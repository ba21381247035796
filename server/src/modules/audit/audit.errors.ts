import { errorFactory } from '../../lib/errors'

const auditError = errorFactory('audit')
export const AuditErrors = {
  notACommunity: () => auditError(422, 'not_a_community', '审计日志按社区记录，请选择社区（村、企业）或其下的单元', 'params.id'),
  badRange: () => auditError(400, 'invalid_range', '起始时间不能晚于结束时间', 'querystring.from'),
}
