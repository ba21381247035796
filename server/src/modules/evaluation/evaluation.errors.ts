import { errorFactory } from '../../lib/errors'

const evaluationError = errorFactory('evaluation')
export const EvaluationErrors = {
  noHousehold: () => evaluationError(422, 'no_household', '请先绑定您的家庭，再参加院坝双向评价'),
  noCourtyard: () => evaluationError(422, 'no_courtyard', '您家所在的单元不属于任何院坝或楼栋，暂时不能评价'),
  alreadySubmitted: () => evaluationError(409, 'already_submitted', '您的家庭本期已经评价过了，每户每期评价一次'),
  servicesRequired: () => evaluationError(400, 'services_required', '请对议事协商、代办服务、宣传宣讲三项都作出评价', 'body.ratings'),
  noSuchCadre: (label: string) => evaluationError(422, 'no_such_cadre', `您的院坝目前没有${label}，不能评价`, 'body.ratings'),
  commentRejected: () => evaluationError(422, 'comment_rejected', '留言含有不宜公开的内容，请修改后再提交', 'body.comment'),
  notACommunity: () => evaluationError(404, 'not_a_community', '请选择社区、村或企业（评价按社区设置和统计）'),
  notACourtyard: () => evaluationError(404, 'not_a_courtyard', '自治评价按院坝（或楼栋）填写'),
  periodNotFound: () => evaluationError(404, 'period_not_found', '没有这个评价周期'),
  periodNotEnded: () => evaluationError(409, 'period_not_ended', '评价周期结束后才能结算积分和产生“五个最美”提名'),
  notSettled: () => evaluationError(409, 'not_settled', '请先结算本期评价（产生提名）'),
  noNominees: () => evaluationError(409, 'no_nominees', '本项没有提名（没有达到 k 户评价的候选）'),
  alreadyDecided: () => evaluationError(409, 'already_decided', '本项评选结果已经确定'),
  pollNotClosed: () => evaluationError(409, 'poll_not_closed', '评选投票尚未结束'),
  noPoll: () => evaluationError(409, 'no_poll', '本项没有发起评选投票'),
  pollTied: () => evaluationError(409, 'poll_tied', '评选投票得票相同，请由街道决定'),
  pollExists: () => evaluationError(409, 'poll_exists', '本项已经发起评选投票'),
  nothingToAnnounce: () => evaluationError(409, 'nothing_to_announce', '没有尚未公示的评选结果'),
}
