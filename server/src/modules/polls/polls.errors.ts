import { PollStatusLabel, type PollState } from '@linli/shared'
import { errorFactory } from '../../lib/errors'

const pollError = errorFactory('polls')
export const PollErrors = {
  notFound: () => pollError(404, 'not_found', '投票不存在'),
  notOpen: () => pollError(409, 'not_open', '投票未开始或已结束'),
  alreadyVoted: () => pollError(409, 'already_voted', '您的家庭已经投过票了'),
  notEligible: () => pollError(403, 'not_eligible', '您不在本次投票的选民名册中，或本次投票只允许户主投票'),
  householdNotEligible: () => pollError(422, 'household_not_eligible', '该住户不在本次投票开始时冻结的选民名册中', 'body.householdId'),
  householdNotFound: () => pollError(404, 'household_not_found', '住户不存在'),
  invalidChoices: (why: string) => pollError(400, 'invalid_choices', why, 'body.choices'),
  invalidPoll: (why: string, field?: string) => pollError(400, 'invalid_poll', why, field),
  notEditable: () => pollError(409, 'not_editable', '只有草稿状态的投票可以修改；已排期的投票请先撤回排期'),
  invalidTransition: (from: string, action: string) => pollError(409, 'invalid_transition', `投票当前状态（${PollStatusLabel[from as PollState] ?? from}）不能执行“${action}”`),
  openTimePassed: () => pollError(422, 'open_time_passed', '开始时间已过，不能排期；请修改开始时间，或立即开启', 'body.opensAt'),
  closeTimePassed: () => pollError(422, 'close_time_passed', '截止时间已过，不能开启投票；请先修改截止时间'),
  notACommunity: () => pollError(404, 'not_a_community', '没有这个社区（投票设置按社区、村或企业保存）'),
  unitNotVotable: () => pollError(422, 'unit_not_votable', '投票只能面向社区、村、企业、网格、院坝、楼栋或单元', 'body.unitId'),
  serialNumberTaken: () => pollError(409, 'serial_number_taken', '该纸质选票编号已录入过', 'body.serialNumber'),
  bulletinNotReady: () => pollError(409, 'bulletin_not_ready', '投票结束后才公布选票公告'),
  receiptNotFound: () => pollError(404, 'receipt_not_found', '没有找到这个回执码'),
}
