import { errorFactory } from '../../lib/errors'

const boardError = errorFactory('board')
export const BoardErrors = {
  notFound: () => boardError(404, 'not_found', '公示不存在'),
  objectionNotFound: () => boardError(404, 'objection_not_found', '异议不存在'),
  windowClosed: () => boardError(409, 'window_closed', '公示期已结束，不能再提出异议'),
  windowOpen: () => boardError(409, 'window_open', '公示期尚未结束，不能提前定稿'),
  objectionUnanswered: () => boardError(409, 'objection_unanswered', '还有异议未答复，答复全部异议后才能定稿'),
  objectionLimit: (n: number) => boardError(422, 'objection_limit', `每户对同一公示最多提出 ${n} 条异议`),
  alreadyFinal: () => boardError(409, 'already_final', '该公示已定稿'),
  alreadyAnswered: () => boardError(409, 'already_answered', '该异议已答复'),
  notInScope: () => boardError(403, 'not_in_scope', '只有公示范围内住户的居民可以提出异议'),
  unitNotFound: () => boardError(404, 'unit_not_found', '单元不存在'),
  pdfUnavailable: () => boardError(503, 'pdf_unavailable', '服务器暂时无法生成 PDF 公告。请用“打印公告”在浏览器中打开，打印或另存为 PDF。'),
  pdfBusy: () => boardError(503, 'pdf_busy', '正在生成的 PDF 公告较多，请稍后再试'),
  pdfTimeout: () => boardError(503, 'pdf_timeout', '生成 PDF 公告超时，请稍后再试'),
}

const itemError = errorFactory('tracked_items')
export const ItemErrors = {
  notFound: () => itemError(404, 'not_found', '跟踪事项不存在'),
  unitNotFound: () => itemError(404, 'unit_not_found', '单元不存在'),
  invalidTransition: (from: string, to: string) => itemError(409, 'invalid_transition', `事项当前状态（${from}）不能改为“${to}”`),
  closed: () => itemError(409, 'closed', '事项已评价归档，不能再修改'),
  notRatable: () => itemError(409, 'not_ratable', '事项完成后才能评价'),
  alreadyRated: () => itemError(409, 'already_rated', '您的家庭已经评价过该事项'),
  notInScope: () => itemError(403, 'not_in_scope', '只有事项范围内住户的居民可以评价'),
  photoInvalid: (field: string) => itemError(400, 'photo_invalid', '照片不存在或不是您上传的', field),
  meetingNotFound: () => itemError(422, 'meeting_not_found', '没有找到这次会议，请重新选择或直接填写会议名称', 'body.meetingId'),
  meetingNotHeld: () => itemError(422, 'meeting_not_held', '这次会议还没有召开，不能作为议定维修的会议', 'body.meetingId'),
}
