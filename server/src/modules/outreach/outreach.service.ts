import { randomInt } from 'node:crypto'
import {
  DEFAULT_OUTREACH_THEMES, OUTREACH_LIMITS, PUBLICITY_LIMITS, quarterOf, quarterRange,
  type CreateOutreachSessionBody, type OutreachPlan, type OutreachSummary,
} from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { ancestorPaths } from '../deliberation/deliberation.policy'
import { notify } from '../notifications/notifications.notify'
import * as orgRepo from '../org/org.repository'
import * as publicityRepo from '../publicity/publicity.repository'
import { ownUploads } from '../uploads/uploads.service'
import { createOutreachAccess } from './outreach.access'
import { createOutreachAttendance } from './outreach.attendance'
import { OutreachErrors as E } from './outreach.errors'
import { can, mayRead, type OutreachActor } from './outreach.policy'
import * as repo from './outreach.repository'

const COURTYARD_KINDS = ['courtyard', 'building', 'unit']
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O, 1/I: read aloud in a courtyard
const DAY = 86_400_000
const newCode = () => Array.from({ length: OUTREACH_LIMITS.checkInCodeLength }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
const chinaTime = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ').replace('-', '月').replace(' ', '日 ')

/** The community's plan for a quarter, or the suggested defaults when its admin has not set one. */
export async function planFor(db: DbOrTx, communityId: string, quarter: string): Promise<OutreachPlan> {
  const row = await repo.planOf(db, communityId, quarter)
  return { communityId, quarter, themes: row?.themes ?? [...DEFAULT_OUTREACH_THEMES], suggested: !row }
}

/** 宣传宣讲: the quarter's themes, sessions in courtyards, their record on the board, counts per quarter. */
export function createOutreachService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps
  const access = createOutreachAccess(db)
  const attendance = createOutreachAttendance({ db, clock, access })

  async function unitOrThrow(id: string, field: string) {
    const unit = await orgRepo.findUnit(db, id)
    if (!unit) throw E.unitNotFound(field)
    return unit
  }

  /** The plan is the community's: any unit inside it (a courtyard's page, the admin's workbench) names it. */
  async function communityOf(unitId: string) {
    const unit = await unitOrThrow(unitId, 'params.id')
    if (!unit.communityId) throw E.unitNotCommunity()
    return unit.communityId === unit.id ? unit : (await orgRepo.findUnit(db, unit.communityId))!
  }

  async function sessionView(me: OutreachActor, session: repo.SessionWithUnit) {
    const [photos, present] = await Promise.all([repo.photosOf(db, [session.id]), repo.presentHouseholds(db, [session.id])])
    return { session, photos: photos.map((p) => p.uploadId), present: present.map((p) => p.householdId), me }
  }

  return {
    attendance,

    async getPlan(_actor: Actor, unitId: string, quarter: string | undefined) {
      const community = await communityOf(unitId)
      return planFor(db, community.id, quarter ?? quarterOf(clock.now()))
    },

    async setPlan(actor: Actor, unitId: string, quarter: string | undefined, themes: string[]) {
      const community = await communityOf(unitId)
      const me = await access.actorOf(actor)
      if (!can(me, 'plan.write', community.path)) throw forbidden('只有社区管理员可以设定宣讲主题')
      if (new Set(themes).size !== themes.length) throw E.duplicateTheme()
      const q = quarter ?? quarterOf(clock.now())
      const now = clock.now()
      await db.transaction(async (tx) => {
        const before = await planFor(tx, community.id, q)
        await repo.upsertPlan(tx, { communityId: community.id, quarter: q, themes, updatedBy: actor.userId, updatedAt: now })
        await writeAudit(tx, { actorId: actor.userId, action: 'outreach.plan.set', entity: 'community', entityId: community.id, communityId: community.id, before, after: { quarter: q, themes } })
      })
      return planFor(db, community.id, q)
    },

    async createSession(actor: Actor, body: CreateOutreachSessionBody) {
      const unit = await unitOrThrow(body.unitId, 'body.unitId')
      if (!unit.communityId || !COURTYARD_KINDS.includes(unit.kind)) throw E.unitNotCourtyard()
      const me = await access.actorOf(actor)
      if (!can(me, 'session.manage', unit.path)) throw forbidden('只有本院坝的宣传员、院坝长或社区管理员可以安排宣讲')
      const startsAt = new Date(body.startsAt)
      const quarter = quarterOf(startsAt)
      const plan = await planFor(db, unit.communityId, quarter)
      if (!plan.themes.includes(body.theme)) throw E.themeNotInPlan(quarter)
      const now = clock.now()
      const id = await db.transaction(async (tx) => {
        let row: Awaited<ReturnType<typeof repo.insertSession>>
        // a code already in use (one in a billion) just draws another
        do {
          row = await repo.insertSession(tx, {
            communityId: unit.communityId!, unitId: unit.id, unitPath: unit.path, quarter, theme: body.theme, speaker: body.speaker, place: body.place,
            startsAt, status: 'scheduled', checkInCode: newCode(), createdBy: actor.userId, createdAt: now,
          })
        } while (!row)
        await writeAudit(tx, { actorId: actor.userId, action: 'outreach.session.create', entity: 'outreach_session', entityId: row.id, communityId: row.communityId, after: { ...row, checkInCode: undefined } })
        await notify(tx, {
          eventKey: `outreach.scheduled:${row.id}`, kind: 'outreach_scheduled', recipients: await repo.residentsUnder(tx, unit.path),
          title: `院坝宣讲：${body.theme}`, body: `${chinaTime(startsAt)} 在${body.place}，主讲：${body.speaker}。欢迎参加，到场可得积分。`,
          page: `/packages/outreach/pages/detail/index?id=${row.id}`, data: { subject: body.theme, place: body.place, time: chinaTime(startsAt) },
        }, now)
        return row.id
      })
      return sessionView(me, (await repo.findSession(db, id))!)
    },

    async listSessions(actor: Actor, q: { unitId?: string; quarter?: string; upcoming?: 'true' | 'false' }) {
      const me = await access.actorOf(actor)
      let unitPath: string
      if (q.unitId) {
        unitPath = (await unitOrThrow(q.unitId, 'querystring.unitId')).path
      } else if (me.membership) {
        unitPath = me.membership.unitPath
      } else if (me.grants.length) {
        // staff without a household (an admin opening 宣讲日程 from the 议事 tab): their first unit
        unitPath = me.grants[0].path
      } else {
        return []
      }
      if (!mayRead(me, unitPath)) throw forbidden('您不能查看该单元的宣讲活动')
      const upcoming = q.upcoming === 'true'
      // the calendar keeps a session on it until its day is over
      const rows = await repo.listSessions(db, { unitPath, ancestors: ancestorPaths(unitPath), quarter: q.quarter, from: upcoming ? new Date(clock.now().getTime() - DAY / 4) : undefined, limit: 100 })
      return Promise.all(rows.filter((s) => mayRead(me, s.unitPath)).map((s) => sessionView(me, s)))
    },

    async getSession(actor: Actor, id: string) {
      const me = await access.actorOf(actor)
      return sessionView(me, await access.readableSession(me, id))
    },

    /** The short record and photos after the session; it goes on the board as 宣讲纪实 (no household named). */
    async recordSession(actor: Actor, id: string, body: { record: string; photoIds: string[] }) {
      const me = await access.actorOf(actor)
      const session = await access.managedSession(me, id)
      if (session.status === 'recorded') throw E.alreadyRecorded()
      const now = clock.now()
      const photoIds = [...new Set(body.photoIds)]
      await db.transaction(async (tx) => {
        if ((await ownUploads(tx, actor.userId, photoIds)).length !== photoIds.length) throw E.photoInvalid()
        const present = (await repo.presentHouseholds(tx, [session.id])).length
        const post = await publicityRepo.insertPost(tx, {
          communityId: session.communityId, unitId: session.unitId, unitPath: session.unitPath, kind: 'outreach', title: `宣讲纪实：${session.theme}`,
          body: `${session.unitName}，${chinaTime(session.startsAt)}，${session.place}，主讲：${session.speaker}，到场 ${present} 户。\n${body.record}`,
          sourceId: session.id, status: 'publicizing', publishedAt: now, windowEndsAt: new Date(now.getTime() + PUBLICITY_LIMITS.defaultWindowDays * DAY), createdBy: actor.userId,
        })
        // the status guard makes a second record (two taps, two phones) a clean 409, never two board posts
        if (!await repo.recordSession(tx, session.id, { record: body.record, by: actor.userId, at: now, boardPostId: post.id })) throw E.alreadyRecorded()
        await repo.insertPhotos(tx, session.id, photoIds)
        await writeAudit(tx, { actorId: actor.userId, action: 'outreach.session.record', entity: 'outreach_session', entityId: session.id, communityId: session.communityId, after: { record: body.record, photoIds, boardPostId: post.id } })
      })
      return sessionView(me, (await repo.findSession(db, id))!)
    },

    async summary(actor: Actor, unitId: string, quarter: string | undefined): Promise<OutreachSummary> {
      const unit = await unitOrThrow(unitId, 'params.id')
      const me = await access.actorOf(actor)
      if (!can(me, 'summary.read', unit.path)) throw forbidden('您不能查看该单元的宣讲统计')
      return outreachSummary(db, unit, quarter ?? quarterOf(clock.now()))
    },
  }
}
export type OutreachService = ReturnType<typeof createOutreachService>

/** Sessions and households reached in a unit's subtree in a quarter: also the outreach part of the KPIs. */
export async function outreachSummary(db: DbOrTx, unit: { id: string; path: string }, quarter: string): Promise<OutreachSummary> {
  const c = await repo.quarterCounts(db, unit.path, quarterRange(quarter))
  return {
    unitId: unit.id, quarter,
    sessions: c.byTheme.reduce((n, t) => n + t.sessions, 0),
    recordedSessions: c.byTheme.reduce((n, t) => n + t.recorded, 0),
    householdsReached: c.householdsReached, households: c.households,
    byTheme: c.byTheme.map((t) => ({ theme: t.theme, sessions: t.sessions, householdsReached: t.householdsReached })),
  }
}
