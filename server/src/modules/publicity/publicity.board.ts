import { PUBLICITY_LIMITS, type CreateBoardPostBody } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import * as orgRepo from '../org/org.repository'
import { publicityActorOf } from './publicity.access'
import { BoardErrors } from './publicity.errors'
import { notifyObjectionAnswered } from './publicity.notifications'
import { can } from './publicity.policy'
import * as repo from './publicity.repository'

const DAY_MS = 24 * 3600_000

/** The board (结果公示): publish, object, answer, finalize. */
/** `read`: the board list, public to every signed-in user, may come from a replica (db.ts); a post and its objections never do. */
export function createBoardService(deps: { db: Db; read?: Db; clock: Clock }) {
  const { db, clock } = deps
  const read = deps.read ?? db

  async function publish(actor: Actor, body: CreateBoardPostBody) {
    const me = await publicityActorOf(db, actor)
    const unit = await orgRepo.findUnit(db, body.unitId)
    if (!unit) throw BoardErrors.unitNotFound()
    if (!can(me, 'board.publish', { unitPath: unit.path })) throw forbidden('只有本单元或上级单元的社区管理员可以发布公示')
    const now = clock.now()
    const windowEndsAt = new Date(now.getTime() + (body.windowDays ?? PUBLICITY_LIMITS.defaultWindowDays) * DAY_MS)
    const id = await db.transaction(async (tx) => {
      const post = await repo.insertPost(tx, {
        communityId: unit.communityId ?? unit.id, unitId: unit.id, unitPath: unit.path, kind: body.kind, title: body.title, body: body.body,
        sourceId: body.sourceId ?? null, status: 'publicizing', publishedAt: now, windowEndsAt, createdBy: actor.userId,
      })
      await writeAudit(tx, { actorId: actor.userId, action: 'board.publish', entity: 'board_post', entityId: post.id, communityId: post.communityId, after: post })
      return post.id
    })
    return get(id)
  }

  async function get(id: string) {
    const post = await repo.findPost(db, id)
    if (!post) throw BoardErrors.notFound()
    return { post, objections: await repo.objectionsOf(db, id), now: clock.now() }
  }

  async function list(q: { unitId?: string; kind?: string; status?: string; cursor?: string; limit: number }) {
    let unitPath: string | undefined
    if (q.unitId) {
      const unit = await orgRepo.findUnit(read, q.unitId)
      if (!unit) throw BoardErrors.unitNotFound()
      unitPath = unit.path
    }
    const after = q.cursor ? repo.decodeCursor(q.cursor) ?? undefined : undefined
    const rows = await repo.listPosts(read, { unitPath, kind: q.kind, status: q.status, after, limit: q.limit })
    const items = rows.slice(0, q.limit)
    const last = items[items.length - 1]
    return { items, nextCursor: rows.length > q.limit && last ? repo.encodeCursor(last.publishedAt, last.id) : null }
  }

  async function object(actor: Actor, postId: string, body: string) {
    const me = await publicityActorOf(db, actor)
    const existing = await repo.findPost(db, postId)
    if (!existing) throw BoardErrors.notFound()
    if (!can(me, 'board.object', { unitPath: existing.unitPath })) throw BoardErrors.notInScope()
    return db.transaction(async (tx) => {
      // the row lock orders this against an admin's finalize and the sweep (which locks due posts before checking objections)
      const post = (await repo.lockPost(tx, postId))!
      const now = clock.now()
      if (post.status !== 'publicizing' || now >= post.windowEndsAt) throw BoardErrors.windowClosed()
      // counted under the post's row lock, so concurrent objections from one household cannot pass the limit together
      const limit = PUBLICITY_LIMITS.objectionsPerHousehold
      if (await repo.countHouseholdObjections(tx, postId, me.residence!.householdId) >= limit) throw BoardErrors.objectionLimit(limit)
      const o = await repo.insertObjection(tx, { postId, userId: actor.userId, householdId: me.residence!.householdId, body, createdAt: now })
      await writeAudit(tx, { actorId: actor.userId, action: 'board.object', entity: 'board_objection', entityId: o.id, communityId: post.communityId, after: { postId, body } })
      return o
    })
  }

  async function answer(actor: Actor, objectionId: string, text: string) {
    const me = await publicityActorOf(db, actor)
    return db.transaction(async (tx) => {
      const o = await repo.lockObjection(tx, objectionId)
      if (!o) throw BoardErrors.objectionNotFound()
      const post = (await repo.findPost(tx, o.postId))!
      if (!can(me, 'board.answer', { unitPath: post.unitPath })) throw forbidden('只有本单元或上级单元的社区管理员可以答复异议')
      if (o.answeredAt) throw BoardErrors.alreadyAnswered()
      const now = clock.now()
      await repo.answerObjection(tx, o.id, { answer: text, answeredAt: now, answeredBy: actor.userId })
      await writeAudit(tx, { actorId: actor.userId, action: 'board.answer', entity: 'board_objection', entityId: o.id, communityId: post.communityId, before: { answer: null }, after: { answer: text } })
      await notifyObjectionAnswered(tx, o, post, text, now)
      return { ...o, answer: text, answeredAt: now, answeredBy: actor.userId }
    })
  }

  /** An admin makes a post final: only after its window, and only with every objection answered. */
  async function finalize(actor: Actor, postId: string) {
    const me = await publicityActorOf(db, actor)
    const existing = await repo.findPost(db, postId)
    if (!existing) throw BoardErrors.notFound()
    if (!can(me, 'board.finalize', { unitPath: existing.unitPath })) throw forbidden('只有本单元或上级单元的社区管理员可以定稿公示')
    await db.transaction(async (tx) => {
      const post = (await repo.lockPost(tx, postId))!
      if (post.status === 'final') throw BoardErrors.alreadyFinal()
      if (await repo.countUnanswered(tx, postId) > 0) throw BoardErrors.objectionUnanswered()
      const now = clock.now()
      if (now < post.windowEndsAt) throw BoardErrors.windowOpen()
      await repo.markFinal(tx, postId, now)
      await writeAudit(tx, { actorId: actor.userId, action: 'board.finalize', entity: 'board_post', entityId: postId, communityId: post.communityId, before: { status: post.status }, after: { status: 'final' } })
    })
    return get(postId)
  }

  /** The scheduled sweep: idempotent, safe with several server processes running it at once. */
  async function finalizePosts(now: Date = clock.now(), opts: { max?: number } = {}): Promise<number> {
    return db.transaction(async (tx) => {
      const done = await repo.finalizeDuePosts(tx, now, opts.max ?? 500)
      for (const p of done) {
        await writeAudit(tx, { actorId: null, action: 'board.finalize', entity: 'board_post', entityId: p.id, communityId: p.communityId, before: { status: 'publicizing' }, after: { status: 'final', by: 'sweep' } })
      }
      return done.length
    })
  }

  return { publish, get, list, object, answer, finalize, finalizePosts }
}
export type BoardService = ReturnType<typeof createBoardService>
