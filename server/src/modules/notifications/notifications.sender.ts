import type { FastifyBaseLogger } from 'fastify'
import type { NotificationKind } from '@linli/shared'
import type { Db } from '../../db/db'
import type { WechatAdapter } from '../../adapters/wechat'
import { WechatUnreachable } from '../../adapters/wechat-api'
import * as repo from './notifications.repository'
import { templateData, templateFor, type SubscribeTemplatesSetting } from './notifications.templates'

/** A transient failure waits 1, 2, 4, 8 minutes; the fifth failed attempt gives up ('failed'). */
export const OUTBOX_MAX_ATTEMPTS = 5
export const OUTBOX_FIRST_RETRY_MS = 60_000
/** how long a claimed row stays ours while we send (each send times out after 5 s, twice at most) */
const LEASE_MS = 5 * 60_000
const BATCH = 10

export interface SenderDeps {
  db: Db
  wechat: WechatAdapter
  templates: SubscribeTemplatesSetting
  log?: Pick<FastifyBaseLogger, 'warn' | 'info'>
}
type Outcome = 'sent' | 'refused' | 'failed' | 'skipped' | 'retry'

/**
 * The scheduled job notifications.send_outbox: sends due outbox rows as WeChat subscribe
 * messages. Rows are claimed in batches (FOR UPDATE SKIP LOCKED plus a lease), so several
 * server processes sweep side by side and never send one row twice. A send needs a configured
 * template for the kind, the user's openid and an unused 'accept' for the template; without
 * them the row is 'skipped' (the inbox has it). Exported so tests run it with their clock.
 */
export async function sendOutbox(deps: SenderDeps, now: Date, opts: { max?: number } = {}): Promise<Record<Outcome, number>> {
  const counts: Record<Outcome, number> = { sent: 0, refused: 0, failed: 0, skipped: 0, retry: 0 }
  if (!deps.wechat.configured) {
    counts.skipped = await repo.skipAllPending(deps.db, 'WeChat not configured')
    return counts
  }
  const max = opts.max ?? 200
  for (let done = 0; done < max;) {
    const rows = await repo.claimDue(deps.db, now, Math.min(BATCH, max - done), LEASE_MS)
    if (rows.length === 0) break
    for (const row of rows) counts[await sendOne(deps, row, now)]++
    done += rows.length
  }
  return counts
}

async function sendOne(deps: SenderDeps, row: repo.ClaimedRow, now: Date): Promise<Outcome> {
  const attempts = row.attempts + 1
  const skip = async (why: string) => { await repo.settle(deps.db, row.notificationId, { status: 'skipped', attempts: row.attempts, lastError: why }); return 'skipped' as const }
  const found = templateFor(deps.templates, row.kind as NotificationKind)
  if (!found) return skip('no template configured for this kind')
  if (!row.openId) return skip('user has no WeChat openid')
  const templateId = found.template.templateId
  if (!(await repo.takeCredit(deps.db, row.userId, templateId))) return skip('no subscription for this template')

  let result
  try {
    result = await deps.wechat.sendSubscribeMessage({ openId: row.openId, templateId, page: row.page, data: templateData(found.template, row.data) })
  } catch (err) {
    if (!(err instanceof WechatUnreachable)) throw err
    result = { errcode: -1, errmsg: err.message }
  }
  if (result.errcode === 0) {
    await repo.settle(deps.db, row.notificationId, { status: 'sent', attempts, sentAt: now })
    return 'sent'
  }
  if (result.errcode === 43101) {
    // the user has no subscription left at WeChat (refused, or our count was off)
    await repo.clearCredits(deps.db, row.userId, templateId)
    await repo.settle(deps.db, row.notificationId, { status: 'refused', attempts, lastError: `43101 ${result.errmsg}` })
    return 'refused'
  }
  await repo.giveCreditBack(deps.db, row.userId, templateId) // nothing reached the user
  const lastError = `${result.errcode} ${result.errmsg}`.slice(0, 500)
  // -1 system busy, 40001/42001 still refused after a fresh token, 45009 quota: worth another try later
  const transient = result.errcode === -1 || result.errcode === 40001 || result.errcode === 42001 || result.errcode === 45009
  if (!transient || attempts >= OUTBOX_MAX_ATTEMPTS) {
    // 47003 (data does not fit the template) and other errcodes: sending again would fail the same way
    deps.log?.warn({ kind: row.kind, template: found.key, errcode: result.errcode, attempts }, 'WeChat subscribe message failed')
    await repo.settle(deps.db, row.notificationId, { status: 'failed', attempts, lastError })
    return 'failed'
  }
  const nextAttemptAt = new Date(now.getTime() + OUTBOX_FIRST_RETRY_MS * 2 ** (attempts - 1))
  await repo.settle(deps.db, row.notificationId, { status: 'pending', attempts, nextAttemptAt, lastError })
  return 'retry'
}
