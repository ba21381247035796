import { ErrandActionLabel, ErrandStatusLabel, type ErrandAction, type ErrandStatus } from '@linli/shared'
import { errorFactory } from '../../lib/errors'

const errandError = errorFactory('errands')
export const ErrandErrors = {
  notFound: () => errandError(404, 'not_found', '代办事项不存在'),
  typeNotFound: () => errandError(422, 'type_not_found', '代办事项类别不存在或已停用', 'body.typeId'),
  typeNameTaken: () => errandError(409, 'type_name_taken', '本社区已有同名代办事项', 'body.name'),
  notChecklistItem: (item: string) => errandError(422, 'not_checklist_item', `“${item}”不是该事项的办理要件`, 'body.inHand'),
  noHousehold: () => errandError(403, 'no_household', '请先绑定住户，或由代办员上门代为提交'),
  householdNotFound: () => errandError(404, 'household_not_found', '住户不存在', 'body.householdId'),
  notYourArea: () => errandError(403, 'not_your_area', '只能为本院坝（辖区）的住户代为提交'),
  transitionNotAllowed: (from: ErrandStatus, action: ErrandAction) =>
    errandError(409, 'transition_not_allowed', `当前状态“${ErrandStatusLabel[from]}”不能“${ErrandActionLabel[action]}”`),
  actionForbidden: (action: ErrandAction | 'rate') => errandError(403, 'action_forbidden', `您不能对该代办执行“${action === 'rate' ? '评价' : ErrandActionLabel[action]}”`),
  alreadyRated: () => errandError(409, 'already_rated', '已评价过该代办'),
  notDone: () => errandError(409, 'not_done', '办结后才能评价'),
  photoInvalid: () => errandError(422, 'photo_invalid', '照片无效：请先上传，且只能使用自己上传、未用过的照片', 'body.photoIds'),
  photoLinkInvalid: () => errandError(404, 'photo_not_found', '照片不存在或链接已失效'),
}
