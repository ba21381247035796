import { sql } from 'drizzle-orm'
import { CommunityMonth } from './soak-community'
import { REQUEST_LIMIT_MS, SoakHttp, type Session } from './soak-http'
import { PollsMonth } from './soak-polls'
import { ReportsMonth } from './soak-reports'
import { startSoakServer, type SoakServer } from './soak-server'
import { soakWorld, type World } from './soak-world'

/*
 * Issue 10 §6: one community's month over real HTTP (127.0.0.1, a random port), the server's
 * own scheduler running with the test clock (AppDeps.scheduler: intervals x 0.004) while the
 * clock moves 2–6 h a step. Runs on PGlite, and on PostgreSQL with DATABASE_URL set.
 * SOAK_DEBUG=1 prints each step's wall time and the requests by route.
 */
const HOUR = 3_600_000
const DAY = 24 * HOUR
const MONTH_DAYS = 30
/** Steps of 2–6 hours: every TTL (category cache 30 s, photo links 6 h, access tokens 15 min) and deadline passes between two steps. */
const STEP_HOURS = [3, 4, 6, 5, 2, 6, 4, 5, 3, 6]

/**
 * What a phone on the community's home page keeps asking while everything else goes on:
 * liveness, the public report feed (with its signed photo links), the polls and the board.
 */
function backgroundReader(http: SoakHttp, s: Session, w: World) {
  const problems: string[] = []
  let running = true
  let rounds = 0
  const loop = (async () => {
    while (running) {
      try {
        const [health, feed] = await Promise.all([
          http.send('GET', '/healthz'),
          s.get(`/api/v1/reports/feed?unitId=${w.communityId}&limit=10`),
          s.get(`/api/v1/polls?unitId=${w.communityId}`),
          s.get(`/api/v1/board/posts?unitId=${w.communityId}`),
        ])
        if (health.status !== 200) problems.push(`/healthz answered ${health.status}`)
        const thumb = feed.body.items.find((i: { photos: unknown[] }) => i.photos.length)?.photos[0].thumbUrl
        if (thumb) {
          const photo = await http.send('GET', thumb)
          if (photo.status !== 200) problems.push(`a fresh photo link from the feed answered ${photo.status}`)
        }
      } catch (err) {
        problems.push((err as Error).message)
      }
      rounds++
      await new Promise((r) => setTimeout(r, 400))
    }
  })()
  return { problems, rounds: () => rounds, async stop() { running = false; await loop } }
}

/**
 * No transaction is left open: on PostgreSQL no session of the test database stays idle in
 * one (a sweep between two statements is, for a moment: a leak is the same transaction
 * still idle 3 s later); PGlite answers a plain query at once.
 */
async function openTransactions(server: SoakServer): Promise<string> {
  const db = server.database.db
  const idle = async () => ((await db.execute(sql`select pid, xact_start::text as xact, left(query, 200) as query from pg_stat_activity
    where datname = current_database() and state like 'idle in transaction%'`)) as unknown as { rows: { pid: number; xact: string; query: string }[] }).rows
  const ask = server.database.driver === 'pg'
    ? idle().then(async (first) => {
      if (first.length === 0) return '0 idle in transaction'
      await new Promise((r) => setTimeout(r, 3000))
      const still = (await idle()).filter((s) => first.some((f) => f.pid === s.pid && f.xact === s.xact))
      return still.length ? `${still.length} idle in transaction: ${still.map((s) => s.query).join(' | ')}` : '0 idle in transaction'
    })
    : db.execute(sql`select 1`).then(() => 'pglite answered')
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<string>((r) => { timer = setTimeout(() => r('no answer within 5 s'), 5000) })
  return Promise.race([ask, late]).finally(() => clearTimeout(timer))
}

describe('a simulated month over HTTP, the server\'s own scheduler running', () => {
  let server: SoakServer
  afterAll(async () => {
    // a server stuck on its database never finishes closing: give up after 10 s (the test has failed already)
    let timer: NodeJS.Timeout | undefined
    await Promise.race([server?.close(), new Promise((r) => { timer = setTimeout(r, 10_000) })])
    clearTimeout(timer)
  })

  it('every request is answered; the ledger, the polls and the transactions are sound at the end', async () => {
    const wallStart = Date.now()
    // the demo seed dates its posts and meetings from the real now: the month starts there
    const start = new Date(Math.floor(Date.now() / HOUR) * HOUR)
    server = await startSoakServer(start)
    const { clock } = server
    const http = new SoakHttp(server.base, clock)
    const w = await soakWorld(server, http, 8)
    const setupSeconds = (Date.now() - wallStart) / 1000
    const now = () => clock.now()
    const reports = new ReportsMonth(w, now)
    const polls = new PollsMonth(w, now)
    const community = new CommunityMonth(w, now)
    await community.openShop()
    await polls.saveDraft()
    const reader = backgroundReader(http, w.residents[2].s, w)

    let step = 0
    let day = -1
    let stepError: unknown
    try {
      while (clock.now().getTime() - start.getTime() < MONTH_DAYS * DAY && http.failures.length === 0) {
        clock.advance(STEP_HOURS[step % STEP_HOURS.length] * HOUR)
        // the sweeps catch up with the moved clock while people act: both must finish before time moves on
        const sweeps = server.scheduler.caughtUp(Date.now())
        const d = Math.floor((clock.now().getTime() - start.getTime()) / DAY)
        if (d !== day) {
          day = d
          if (d % 7 === 0 && d < 24) await polls.create()
          if (d % 7 === 2) await community.scheduleMeeting()
          if (d % 5 === 1 && d < 26) await community.publishPost()
        }
        await Promise.all([
          sweeps,
          // transitions first, filing (which reads the category catalogue) after
          reports.step().then(() => (step % 4 === 0 && d < 25 ? reports.file() : null)),
          polls.step(),
          community.step(step),
        ])
        step++
        if (process.env.SOAK_DEBUG) console.log(`step ${step} day ${d}: ${Date.now() - wallStart} ms, ${http.requests} requests`)
      }
    } catch (err) {
      stepError = err
    }
    await reader.stop()
    if (stepError || http.failures.length) {
      // a stuck server answers nothing more: report what happened, when, instead of waiting on it
      throw new Error(`the month stopped at ${clock.now().toISOString()} after ${step} steps: ${(stepError as Error)?.message ?? ''}\n${http.failures.join('\n')}\n${reader.problems.join('\n')}`)
    }
    const end = clock.now()
    const health = await http.send('GET', '/healthz')
    const integrity = (await w.admin.get(`/api/v1/points/integrity?unitId=${w.communityId}`)).body
    const pollAudit = await polls.audit()
    const draft = await polls.draftStatus()
    const reportStates = await reports.finished(end, 14)
    const orders = await community.orderBooks()
    const transactions = await openTransactions(server)
    const wallSeconds = (Date.now() - wallStart) / 1000

    console.log([
      `soak on ${server.database.driver}: ${((end.getTime() - start.getTime()) / DAY).toFixed(1)} simulated days in ${step} steps, ${wallSeconds.toFixed(1)} s wall (setup ${setupSeconds.toFixed(1)} s)`,
      `${http.requests} requests (${reader.rounds()} background rounds), slowest ${Math.round(http.maxMs)} ms (${http.slowest})`,
      `scheduler: ${[...server.scheduler.runs].map(([job, n]) => `${job} ${n}`).join(', ')}; slowest run ${server.scheduler.slowestMs} ms (${server.scheduler.slowest})`,
      `reports ${reports.reports.length}, polls ${polls.polls.length}, meetings ${community.meetings.length}, orders ${orders.length}, posts ${community.posts.length}; ledger: ${integrity.accounts} accounts, ${integrity.entries} entries`,
      `last-minute ballots: ${pollAudit.map((p) => p.lastMinute.join('/')).join(', ')}; last-minute pickups: ${orders.filter((o) => o.lastMinute).map((o) => o.lastMinute).join(', ')}`,
      `late confirmations (200 confirmed / 409 already closed by the sweep): ${reportStates.filter((r) => r.lateConfirm).map((r) => r.lateConfirm).join(', ') || 'none'}`,
      `token refreshes: ${w.residents.reduce((n, r) => n + r.s.refreshes, 0) + w.admin.refreshes}; 429s waited out on login/refresh: ${http.waited429}; transactions: ${transactions}`,
    ].join('\n'))
    if (process.env.SOAK_DEBUG) console.log([...http.byRoute].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([r, n]) => `${n} ${r}`).join('\n'))

    // every request answered, none with a 5xx, none slower than the limit; the scheduler never failed
    expect(http.failures).toEqual([])
    expect(reader.problems).toEqual([])
    expect(server.scheduler.failures).toEqual([])
    expect(http.maxMs).toBeLessThan(REQUEST_LIMIT_MS)
    expect(health.status).toBe(200)
    expect(end.getTime() - start.getTime()).toBeGreaterThanOrEqual(MONTH_DAYS * DAY)

    // the ledger adds up, and points were really earned and spent
    expect(integrity).toMatchObject({ ok: true, mismatched: 0, negative: 0, brokenChains: 0 })
    expect(integrity.entries).toBeGreaterThan(50)

    // every poll opened and closed by the sweep; tally = recount of the bulletin = what was cast
    expect(pollAudit.length).toBeGreaterThanOrEqual(4)
    for (const p of pollAudit) {
      expect(p.status).toBe('closed')
      expect(p.ballots).toBeGreaterThan(40)
      expect(p.recount).toEqual(p.tally)
      expect(p.recount).toEqual(p.ours)
      expect(p.counted).toBe(p.ballots)
      expect(p.superseded).toBe(p.changed)
    }
    expect(pollAudit.some((p) => p.changed > 0)).toBe(true)
    expect(pollAudit.every((p) => p.lastMinute.length > 0)).toBe(true)
    expect(draft).toBe('draft')

    // reports filed two weeks before the end went the way of their plan (escalated, flagged, closed by the sweep)
    expect(reportStates.length).toBeGreaterThanOrEqual(15)
    for (const r of reportStates) expect(r).toMatchObject({ status: r.expected, escalatedToStreet: true, dispatchFlagged: true })
    expect(reportStates.filter((r) => r.photoChecked).length).toBeGreaterThan(10)

    // orders: picked up, cancelled and refunded, or expired after 14 days and refunded by the sweep
    for (const o of orders.filter((x) => end.getTime() - x.placedAt > 15 * DAY)) {
      const status = { pickup: 'picked_up', cancel: 'cancelled', expire: 'expired' }[o.fate]
      expect(o).toMatchObject({ fate: o.fate, status, refunded: status !== 'picked_up' })
    }
    expect(orders.filter((o) => o.fate === 'expire' && o.status === 'expired').length).toBeGreaterThan(0)
    expect(orders.filter((o) => o.fate === 'expire' && o.lastMinute).length).toBeGreaterThan(0)

    // meetings held with attendance; notices final once their window ended and every objection was answered
    expect(community.meetings.filter((m) => m.done).every((m) => m.attended > 5)).toBe(true)
    expect(community.meetings.filter((m) => m.done).length).toBeGreaterThanOrEqual(3)
    for (const p of community.posts.filter((x) => end.getTime() > x.windowEndsAt + 2 * DAY)) expect(p.status).toBe('final')

    expect(transactions).toMatch(/^(0 idle in transaction|pglite answered)$/)
  })
})
