import { errorFactory } from '../../lib/errors'

const e = errorFactory('open311')

export const Open311Errors = {
  jurisdictionNotFound: () => e(404, 'jurisdiction_not_found', '未找到该 jurisdiction_id 对应的社区', 'jurisdiction_id'),
  keyInvalid: () => e(403, 'key_invalid', 'api_key 无效或已撤销，不能提交'),
  keyOtherJurisdiction: () => e(403, 'key_other_jurisdiction', '该 api_key 只能向发放它的社区提交', 'jurisdiction_id'),
  serviceUnknown: () => e(400, 'service_code_unknown', '该社区没有这个 service_code（或已停用）', 'service_code'),
  locationRequired: () => e(400, 'location_required', '请提供 lat 和 long，或 address_string', 'address_string'),
  locationUnknown: () => e(400, 'location_unknown', '无法从地址确定位置：该社区还没有划定网格边界，请提供 lat 和 long', 'lat'),
  descriptionRequired: () => e(400, 'description_required', '该类别须填写 description', 'description'),
  requestNotFound: () => e(404, 'request_not_found', '没有该 service_request_id 的公开诉求'),
  notCommunity: () => e(422, 'not_community', '只能在社区（村、企业）一级发放 Open311 密钥'),
  reporterNotInCommunity: () => e(422, 'reporter_not_in_community', '上报账号须在本社区有身份', 'reporterUserId'),
  keyNotFound: () => e(404, 'key_not_found', '密钥不存在'),
}
