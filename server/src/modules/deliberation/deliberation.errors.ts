import { TopicStatusLabel, type TopicStatus } from '@linli/shared'
import { errorFactory } from '../../lib/errors'

const e = errorFactory('deliberation')
export const DeliberationErrors = {
  topicNotFound: () => e(404, 'topic_not_found', '议题不存在'),
  meetingNotFound: () => e(404, 'meeting_not_found', '会议不存在'),
  itemNotFound: () => e(404, 'item_not_found', '议程事项不存在'),
  unitNotFound: () => e(400, 'unit_not_found', '单元不存在', 'body.unitId'),
  unitNotInCommunity: () => e(422, 'unit_not_in_community', '议题和会议只能面向社区、村、企业及其下级单元', 'body.unitId'),
  reportNotFound: () => e(404, 'report_not_found', '上报不存在'),
  pollNotFound: () => e(422, 'poll_not_found', '关联的投票不存在或不在本会议的单元范围内', 'body.pollId'),
  alreadyCosigned: () => e(409, 'already_cosigned', '您的家庭已经联名过该议题'),
  notCosignable: (status: string) => e(409, 'not_cosignable', `议题当前状态（${TopicStatusLabel[status as TopicStatus] ?? status}）不再征集联名`),
  topicNotSchedulable: (title: string, status: string) => e(409, 'topic_not_schedulable', `议题“${title}”当前状态（${TopicStatusLabel[status as TopicStatus] ?? status}）不能列入议程`, 'body.agenda'),
  topicOutOfScope: (title: string) => e(422, 'topic_out_of_scope', `议题“${title}”不属于本会议的单元范围`, 'body.agenda'),
  alreadyResolved: () => e(409, 'already_resolved', '该议程事项已有决议'),
  followUpNotResolvable: () => e(422, 'follow_up_not_resolvable', '上轮议事事项落实情况是通报事项，不作决议'),
  householdsOutOfScope: (ids: string[]) => e(422, 'household_out_of_scope', `住户不存在或不属于本社区：${ids.join(', ')}`, 'body.householdIds'),
  usersNotFound: (ids: string[]) => e(422, 'user_not_found', `用户不存在：${ids.join(', ')}`, 'body.userIds'),
}
