import { REPORT_LIMITS, ReportActionLabel, ReportStatusLabel, type ReportAction, type ReportState } from '@linli/shared'
import { errorFactory, rateLimited } from '../../lib/errors'

const reportError = errorFactory('reports')
export const ReportErrors = {
  notFound: () => reportError(404, 'not_found', '上报不存在'),
  descriptionRequired: () => reportError(422, 'description_required', '请用一句话说明是什么问题', 'body.description'),
  unknownCategory: () => reportError(422, 'unknown_category', '问题类别不存在', 'body.category'),
  photoInvalid: () => reportError(422, 'photo_invalid', '照片无效：请先上传，且只能使用自己上传的照片', 'body.photoIds'),
  noArea: () => reportError(403, 'no_area', '请先绑定住户（或由社区授予观察员身份）后再上报'),
  outOfArea: () => reportError(422, 'out_of_area', '定位不在您可上报的区域内，请确认位置', 'body.lat'),
  placeUnknown: () => reportError(422, 'place_unknown', '无法根据这个地址确定位置：请写上小区、楼栋名称，或允许定位后重试', 'body.address'),
  transitionNotAllowed: (from: ReportState, action: ReportAction) =>
    reportError(409, 'transition_not_allowed', `当前状态“${ReportStatusLabel[from]}”不能执行“${ReportActionLabel[action]}”`),
  actionForbidden: (action: ReportAction) => reportError(403, 'action_forbidden', `您不能对该上报执行“${ReportActionLabel[action]}”`),
  duplicateInvalid: () => reportError(422, 'duplicate_invalid', '重复的原上报须为同一社区内另一条有效上报', 'body.duplicateOf'),
  departmentNotFound: () => reportError(422, 'department_not_found', '派单部门不存在', 'body.departmentUnitId'),
  deadlineInPast: () => reportError(422, 'deadline_in_past', '办理时限必须晚于现在', 'body.deadline'),
  notOpen: () => reportError(409, 'not_open', '该上报已办结或已关闭，不能再“我也遇到”'),
  ownReport: () => reportError(409, 'own_report', '不能为自己的上报点“我也遇到”'),
  dispatchNotFound: () => reportError(404, 'dispatch_not_found', '派单不存在'),
  dispatchAlreadyReplied: () => reportError(409, 'dispatch_already_replied', '该派单已回复'),
  notInCommunity: () => reportError(422, 'not_in_community', '请选择社区（或其下的网格）：上报设置按社区管理'),
  categoryNotFound: () => reportError(404, 'category_not_found', '问题类别不存在'),
  categoryNameTaken: () => reportError(409, 'category_name_taken', '本社区已有同名的问题类别', 'body.name'),
  departmentEntryNotFound: () => reportError(404, 'department_entry_not_found', '部门不存在'),
  departmentNameTaken: () => reportError(409, 'department_name_taken', '本社区已有同名的部门', 'body.name'),
  departmentUnitNotFound: () => reportError(422, 'department_unit_not_found', '部门对应的单位不存在', 'body.unitId'),
  rateLimited: () => rateLimited(`上报过于频繁：每人每小时最多 ${REPORT_LIMITS.createPerHour} 条，请稍后再试`),
}
