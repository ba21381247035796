import { multipart } from '../../helpers/multipart'
import { smallJpeg } from '../reports/reports-fixtures'
import type { Session } from './soak-http'
import { GRID_SPOTS, type Resident, type World } from './soak-world'

const HOUR = 3_600_000

/**
 * How a report's month goes. quick: accepted, handled, confirmed. dispatch: sent to the
 * department, which acknowledges and replies; the reporter never answers, so the sweep
 * closes it. late: nobody accepts it until the sweep has escalated it to the street.
 * dispatch_late: the department lets the deadline pass (the sweep flags the dispatch),
 * the reporter reopens the first fix. reject: refused at once. confirm_late: the reporter
 * confirms only after the 7 days, racing the sweep that closes it: confirmed if the answer
 * was 200, closed if it was 409.
 */
type Plan = 'quick' | 'dispatch' | 'late' | 'dispatch_late' | 'reject' | 'confirm_late'
const PLANS: Plan[] = ['quick', 'dispatch', 'late', 'confirm_late', 'dispatch_late', 'dispatch', 'reject', 'quick']
const AUTO_CLOSE_DAYS = 7
const finalOf = (r: { plan: Plan; lateConfirm: number }) => r.plan === 'confirm_late'
  ? (r.lateConfirm === 200 ? 'confirmed' : 'closed')
  : { quick: 'confirmed', dispatch: 'closed', late: 'confirmed', dispatch_late: 'confirmed', reject: 'rejected' }[r.plan]

interface Tracked {
  id: string; plan: Plan; reporter: Resident; grid: number; filedAt: number
  status: string; maxLevel: number; dispatched: boolean; dispatchFlagged: boolean; reopened: boolean
  photoUrl: string; photoCheckedExpired: boolean; resolvedAt: number; lateConfirm: number
}
interface Summary { id: string; status: string; escalationLevel: number }
interface DispatchItem { id: string; reportId: string; delivery: string; overdue: boolean }

export class ReportsMonth {
  readonly reports: Tracked[] = []
  private filed = 0
  private categories: { code: string; acceptHours: number }[] = []

  constructor(private readonly w: World, private readonly now: () => Date) {}

  /** A resident files a report from a spot in their grid, with a photo (the live path: upload, then the report). */
  async file() {
    const reporter = this.w.residents[(this.filed * 7) % this.w.residents.length]
    const plan = PLANS[this.filed % PLANS.length]
    this.filed++
    // the client reads the catalogue before each form: after its 30 s cache has long expired
    this.categories = (await reporter.s.get('/api/v1/report-categories')).body.items
    const category = this.categories[this.filed % this.categories.length]
    const body = multipart([{ filename: 'photo.jpg', content: await smallJpeg(), contentType: 'image/jpeg' }])
    const upload = await reporter.s.call('POST', '/api/v1/uploads', undefined, 201, { raw: body.payload, headers: body.headers })
    const spot = GRID_SPOTS[reporter.household.grid]
    const res = await reporter.s.call('POST', '/api/v1/reports', {
      category: category.code, description: `第${this.filed}件：${reporter.household.address}附近需要处理`, photoIds: [upload.body.id],
      lat: spot.lat, lng: spot.lng, coordSystem: 'wgs84', address: reporter.household.address,
    }, 201, { headers: { 'idempotency-key': `soak-report-${this.filed}` } })
    const grid = this.w.gridIds.indexOf(res.body.unitId)
    if (grid < 0) throw new Error(`report ${res.body.id} went to unit ${res.body.unitId}, not to its grid`)
    this.reports.push({
      id: res.body.id, plan, reporter, grid, filedAt: this.now().getTime(), status: 'submitted',
      maxLevel: 0, dispatched: false, dispatchFlagged: false, reopened: false, photoUrl: res.body.photos[0].url, photoCheckedExpired: false,
      resolvedAt: 0, lateConfirm: 0,
    })
  }

  /**
   * Every open report moves at most one step, the people concerned acting at the same time
   * from their work lists, as the pages do: the grid workers' report queues and the
   * department's dispatches. Those lists do not read the category catalogue, so right after
   * the clock moved (its cache long expired) a transition is the first to read it — inside
   * its transaction: the issue's opening deadlock, if it comes back.
   */
  async step() {
    const open = this.reports.filter((r) => r.status !== finalOf(r))
    if (open.length === 0) return
    const [queueA, queueB, dispatches] = await Promise.all([
      ...this.w.grids.map((g, i) => g.get(`/api/v1/reports?unitId=${this.w.gridIds[i]}&limit=100`)),
      this.w.dept.get('/api/v1/dispatches'),
    ])
    const seen = new Map<string, Summary>([...queueA.body.items, ...queueB.body.items].map((x: Summary) => [x.id, x]))
    const sent = dispatches.body.items as DispatchItem[]
    await Promise.all(open.map((r) => this.advance(r, seen.get(r.id), sent.filter((d) => d.reportId === r.id).at(-1))))
    // afterwards, as someone opening a report's page: the photo links it carries
    await Promise.all(open.map((r) => this.checkPhotoLink(r)))
  }

  private async advance(r: Tracked, report: Summary | undefined, dispatch: DispatchItem | undefined) {
    if (!report) throw new Error(`report ${r.id} is missing from its grid worker's queue`)
    r.status = report.status
    r.maxLevel = Math.max(r.maxLevel, report.escalationLevel)
    const handler = this.w.grids[r.grid]
    const at = (path: string) => `/api/v1/reports/${r.id}${path}`
    const act = (s: Session, body: Record<string, unknown>) => s.post(at('/transitions'), body, 200)
    switch (report.status) {
      case 'submitted':
        if (r.plan === 'reject') return act(handler, { action: 'reject', reason: '不属于本网格处理范围' })
        if (r.plan === 'late' && report.escalationLevel < 2) return // nobody looks at it: the sweep escalates
        return act(handler, { action: 'accept', note: '已受理' })
      case 'accepted': case 'reopened':
        return act(handler, { action: 'start' })
      case 'in_progress':
        if (r.plan.startsWith('dispatch') && !r.dispatched) {
          r.dispatched = true
          const hours = r.plan === 'dispatch' ? 48 : 12
          return act(handler, { action: 'dispatch', departmentUnitId: this.w.departmentUnitId, deadline: new Date(this.now().getTime() + hours * HOUR).toISOString(), note: '请派人处理' })
        }
        r.resolvedAt = this.now().getTime()
        return act(handler, { action: 'resolve', note: '已处理完毕' })
      case 'dispatched':
        if (!dispatch) throw new Error(`dispatched report ${r.id} is not on the department's list`)
        return this.department(r, dispatch)
      case 'resolved':
        if (r.plan === 'dispatch') return // the reporter never answers: the sweep closes it
        if (r.plan === 'confirm_late') {
          if (r.lateConfirm || this.now().getTime() < r.resolvedAt + AUTO_CLOSE_DAYS * 24 * HOUR + 1000) return
          const res = await r.reporter.s.post(at('/transitions'), { action: 'confirm', rating: '满意' }, [200, 409])
          r.lateConfirm = res.status
          return
        }
        if (r.plan === 'dispatch_late' && !r.reopened) {
          r.reopened = true
          return r.reporter.s.post(at('/transitions'), { action: 'reopen', reason: '还没有彻底解决', rating: '不满意' }, 200)
        }
        return r.reporter.s.post(at('/transitions'), { action: 'confirm', rating: r.plan === 'late' ? '基本满意' : '满意' }, 200)
    }
  }

  private async department(r: Tracked, d: DispatchItem) {
    if (d.delivery === 'sent') return this.w.dept.post(`/api/v1/dispatches/${d.id}/ack`, { note: '收到' }, 200)
    if (d.delivery === 'replied') return this.w.grids[r.grid].post(`/api/v1/reports/${r.id}/transitions`, { action: 'resolve', note: '部门已处理' }, 200)
    if (r.plan === 'dispatch_late') {
      // the department lets the deadline pass; it replies once the sweep has put the dispatch on the overdue list
      if (!d.overdue) return
      r.dispatchFlagged = true
    }
    return this.w.dept.post(`/api/v1/dispatches/${d.id}/reply`, { note: '已清理完毕' }, 200)
  }

  /**
   * The photo link handed out at filing lives 6–7 h. Afterwards it still shows a public
   * report's photo (public photos need no link) and is refused for any other, never with
   * a 5xx; a fresh read signs a link that works.
   */
  private async checkPhotoLink(r: Tracked) {
    if (r.photoCheckedExpired || this.now().getTime() - r.filedAt < 7 * HOUR + 1000) return
    r.photoCheckedExpired = true
    const handler = this.w.grids[r.grid]
    const report = (await handler.get(`/api/v1/reports/${r.id}`)).body as { public: boolean; photos: { url: string }[] }
    const old = await handler.http.send('GET', r.photoUrl)
    const fresh = await handler.http.send('GET', report.photos[0].url)
    const oldOk = report.public ? old.status === 200 : old.status >= 400 && old.status < 500
    if (!oldOk || fresh.status !== 200) {
      throw new Error(`photo links of ${report.public ? 'public' : 'non-public'} report ${r.id}: expired link ${old.status}, fresh link ${fresh.status}`)
    }
  }

  /** Reports filed more than `settledAfterDays` before the end reached the state their plan leads to. */
  async finished(end: Date, settledAfterDays: number) {
    const settled = this.reports.filter((r) => end.getTime() - r.filedAt > settledAfterDays * 24 * HOUR)
    for (const r of settled) r.status = (await this.w.grids[r.grid].get(`/api/v1/reports/${r.id}`)).body.status
    return settled.map((r) => ({
      id: r.id, plan: r.plan, status: r.status, expected: finalOf(r), lateConfirm: r.lateConfirm,
      escalatedToStreet: r.plan !== 'late' || r.maxLevel === 2,
      dispatchFlagged: r.plan !== 'dispatch_late' || r.dispatchFlagged,
      photoChecked: r.photoCheckedExpired,
    }))
  }
}
