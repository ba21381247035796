import type { Tx } from '../../db/db'
import { notify } from '../notifications/notifications.notify'
import type { ObjectionRow, PostRow } from './publicity.repository'

/** The objector hears the answer to their objection (answers are public; the message goes to them alone). */
export async function notifyObjectionAnswered(tx: Tx, o: ObjectionRow, post: Pick<PostRow, 'id' | 'title'>, answer: string, now: Date) {
  await notify(tx, {
    eventKey: `objection.answered:${o.id}`, kind: 'objection_answered', recipients: [o.userId],
    title: '您的异议已答复',
    body: `您对公示「${post.title}」提出的异议已答复：${answer}`,
    // the mini-program's board post page (miniapp/src/routes.ts boardPost), where the answer is shown
    page: `/packages/board/pages/detail/index?id=${post.id}`,
    data: { subject: post.title, status: '已答复', note: answer },
  }, now)
}
