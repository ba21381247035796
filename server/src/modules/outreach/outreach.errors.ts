import { errorFactory } from '../../lib/errors'

const e = errorFactory('outreach')
export const OutreachErrors = {
  unitNotFound: (field = 'body.unitId') => e(404, 'unit_not_found', '单元不存在', field),
  unitNotCourtyard: () => e(422, 'unit_not_courtyard', '宣讲活动在院坝（楼栋、单元）举行，请选择院坝', 'body.unitId'),
  unitNotCommunity: () => e(422, 'unit_not_in_community', '宣讲主题按社区（村、企业）设定，请选择社区或其下级单元', 'params.id'),
  themeNotInPlan: (quarter: string) => e(422, 'theme_not_in_plan', `主题不在本社区 ${quarter} 的宣讲计划中`, 'body.theme'),
  duplicateTheme: () => e(422, 'duplicate_theme', '主题不能重复', 'body.themes'),
  sessionNotFound: () => e(404, 'session_not_found', '宣讲活动不存在'),
  householdsOutOfScope: () => e(422, 'household_out_of_scope', '只能登记本院坝的住户', 'body.householdIds'),
  tooEarly: () => e(422, 'not_started', '宣讲开始前一小时起才能登记到场'),
  codeInvalid: () => e(404, 'code_invalid', '签到码不正确', 'body.code'),
  checkInClosed: () => e(422, 'check_in_closed', '不在签到时间内（开始前一小时至开始后十二小时）'),
  notInCourtyard: () => e(403, 'not_in_courtyard', '这场宣讲面向其他院坝的住户'),
  noHousehold: () => e(403, 'no_household', '请先绑定住户，再以本户名义签到'),
  alreadyCheckedIn: () => e(409, 'already_checked_in', '本户已登记到场'),
  alreadyRecorded: () => e(409, 'already_recorded', '这场宣讲已有记录'),
  photoInvalid: () => e(422, 'photo_invalid', '照片不存在或不是您上传的', 'body.photoIds'),
}
