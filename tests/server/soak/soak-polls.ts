import type { World } from './soak-world'

const DAY = 24 * 3_600_000
const LETTERS = 'ABCDEFGHIJKLMNOPQRST'

interface Spec { title: string; options: string[]; choice: { kind: 'single' } | { kind: 'multi'; min: number; max: number }; allowChange: boolean; tallyVisibility: 'live' | 'after_close'; rule: Record<string, unknown> }
const SPECS: Spec[] = [
  { title: '小区东门是否加装道闸', options: ['同意', '不同意', '弃权'], choice: { kind: 'single' }, allowChange: false, tallyVisibility: 'after_close', rule: { kind: 'simple_majority', approveOption: 'A' } },
  { title: '楼道灯更换方案', options: ['声控灯', '感应灯', '常亮节能灯'], choice: { kind: 'single' }, allowChange: true, tallyVisibility: 'live', rule: { kind: 'majority_of_eligible' } },
  { title: '本季度文体活动（最多选两项）', options: ['广场舞', '象棋赛', '电影夜', '亲子运动会'], choice: { kind: 'multi', min: 1, max: 2 }, allowChange: true, tallyVisibility: 'after_close', rule: { kind: 'two_thirds_cast' } },
  { title: '使用维修资金更换电梯', options: ['同意', '不同意'], choice: { kind: 'single' }, allowChange: false, tallyVisibility: 'after_close', rule: { kind: 'art278', major: true, approveOption: 'A' } },
]

interface Tracked { id: string; spec: Spec; opensAt: number; closesAt: number; status: string; cast: Map<string, string[]>; round: number; changed: number; lastMinute: number[] }

/**
 * A poll a week: scheduled a day ahead, opened and closed by the sweep, ballots from the
 * bound residents online and from the rest of the households on paper (entered by their
 * grid worker), some changed where the poll allows it. We keep our own copy of every
 * household's last choice, to hold the tally and the bulletin against it at the end.
 */
export class PollsMonth {
  readonly polls: Tracked[] = []
  private draftId = ''

  constructor(private readonly w: World, private readonly now: () => Date) {}

  async create() {
    const spec = SPECS[this.polls.length % SPECS.length]
    const opensAt = this.now().getTime() + DAY
    const closesAt = opensAt + 4 * DAY
    const res = await this.w.admin.post('/api/v1/polls', {
      unitId: this.w.communityId, title: `${spec.title}（第${this.polls.length + 1}期）`, body: '请各户在截止前投票',
      options: spec.options, choice: spec.choice, opensAt: new Date(opensAt).toISOString(), closesAt: new Date(closesAt).toISOString(),
      voterRule: 'adult', allowChange: spec.allowChange, tallyVisibility: spec.tallyVisibility, rule: spec.rule,
    }, 201)
    // 排期开启: a draft never opens by itself; a scheduled poll is opened by the sweep at opensAt
    const scheduled = await this.w.admin.post(`/api/v1/polls/${res.body.id}/schedule`, {}, 200)
    if (scheduled.body.status !== 'scheduled') throw new Error(`poll ${res.body.id} is ${scheduled.body.status} after 排期开启`)
    this.polls.push({ id: res.body.id, spec, opensAt, closesAt, status: 'scheduled', cast: new Map(), round: 0, changed: 0, lastMinute: [] })
  }

  /** A draft saved with a start time an hour away and never scheduled: whatever the sweeps do all month, it stays a draft. */
  async saveDraft() {
    const spec = SPECS[0]
    const opensAt = this.now().getTime() + 3_600_000
    const res = await this.w.admin.post('/api/v1/polls', {
      unitId: this.w.communityId, title: '草稿：明年物业费调整', options: spec.options, opensAt: new Date(opensAt).toISOString(),
      closesAt: new Date(opensAt + 3 * DAY).toISOString(), rule: spec.rule,
    }, 201)
    this.draftId = res.body.id
  }

  async draftStatus(): Promise<string> {
    return (await this.w.admin.get(`/api/v1/polls/${this.draftId}`)).body.status
  }

  async step() {
    await Promise.all(this.polls.filter((p) => p.status !== 'closed').map((p) => this.advance(p)))
  }

  private choose(p: Tracked, salt: number): string[] {
    const n = p.spec.options.length
    const first = LETTERS[(salt * 7 + p.round) % n]
    if (p.spec.choice.kind === 'single' || salt % 3 !== 0) return [first]
    return [first, LETTERS[(salt * 7 + p.round + 1) % n]]
  }

  private async advance(p: Tracked) {
    const poll = (await this.w.admin.get(`/api/v1/polls/${p.id}`)).body
    const now = this.now().getTime()
    if (now >= p.closesAt && p.lastMinute.length === 0) await this.lastMinute(p)
    if (poll.status === 'closed' || poll.status === 'cancelled') { p.status = poll.status; return }
    if (poll.status === 'open' && now < p.opensAt) throw new Error(`poll ${p.id} opened before its time`)
    if (poll.status !== 'open') {
      // the sweep runs many times per step: one step (at most 6 h) after its time, the poll has moved
      if (now >= p.opensAt + 7 * 3_600_000) throw new Error(`poll ${p.id} is still ${poll.status} a step after it was to open (${new Date(p.opensAt).toISOString()})`)
      return
    }
    if (now >= p.closesAt + 7 * 3_600_000) throw new Error(`poll ${p.id} is still open a step after its closing time`)
    if (now >= p.closesAt) return
    p.status = 'open'
    p.round++
    // a few residents vote online this step, the grid workers enter a few paper ballots
    const online = this.w.residents.slice(0, -3).filter((r) => !p.cast.has(r.household.id)).slice(0, 8)
    // paper ballots for 60 of the other households
    const paper = this.w.households.filter((h) => !this.w.residents.some((r) => r.household.id === h.id)).slice(0, 60).filter((h) => !p.cast.has(h.id)).slice(0, 10)
    await Promise.all([
      ...online.map(async (r, i) => {
        const choices = this.choose(p, i + p.round)
        await r.s.post(`/api/v1/polls/${p.id}/ballots`, { choices }, 201)
        p.cast.set(r.household.id, choices)
      }),
      ...[0, 1].map(async (grid) => {
        for (const [i, h] of paper.filter((x) => x.grid === grid).entries()) {
          const choices = this.choose(p, i + 3)
          await this.w.grids[grid].post(`/api/v1/polls/${p.id}/paper-ballots`, { householdId: h.id, choices, channel: 'paper', serialNumber: `P${p.round}-${grid}-${i}` }, 201)
          p.cast.set(h.id, choices)
        }
      }),
    ])
    if (p.spec.allowChange && p.round % 2 === 0) {
      // someone who voted changes their mind; the old receipt is superseded
      const r = this.w.residents.filter((x) => p.cast.has(x.household.id))[p.round % 5]
      if (r) {
        const choices = this.choose(p, p.round + 11)
        await r.s.post(`/api/v1/polls/${p.id}/ballots`, { choices }, 201)
        p.cast.set(r.household.id, choices)
        p.changed++
      }
    }
    if (p.spec.tallyVisibility === 'live') await this.w.residents[0].s.get(`/api/v1/polls/${p.id}/tally`)
  }

  /**
   * Past the closing time, while the sweep closes the poll, three households that had not
   * voted try at the last minute: each ballot is either taken (201, and then counted) or
   * refused with 409 polls.not_open — never lost, never half there. (The closing time
   * decides, so today they are refused whether or not the sweep got there first.)
   */
  private async lastMinute(p: Tracked) {
    if (p.lastMinute.length) return
    // the last three residents leave it to the last minute
    const late = this.w.residents.slice(-3)
    await Promise.all(late.map(async (r) => {
      const choices = this.choose(p, 1)
      const res = await r.s.post(`/api/v1/polls/${p.id}/ballots`, { choices }, [201, 409])
      p.lastMinute.push(res.status)
      if (res.status === 201) p.cast.set(r.household.id, choices)
      else if (res.body.error?.code !== 'polls.not_open') throw new Error(`a last-minute ballot got 409 ${res.body.error?.code}`)
    }))
  }

  /** Each closed poll: the certified tally, a recount of its bulletin and our own books agree. */
  async audit() {
    const out: { id: string; status: string; lastMinute: number[]; ballots: number; changed: number; tally: Record<string, number>; recount: Record<string, number>; ours: Record<string, number>; counted: number; superseded: number }[] = []
    for (const p of this.polls) {
      const tally = (await this.w.admin.get(`/api/v1/polls/${p.id}/tally`, [200, 404, 409])).body
      const status = tally.status
      if (status !== 'closed') { out.push({ id: p.id, status, lastMinute: p.lastMinute, ballots: p.cast.size, changed: p.changed, tally: {}, recount: {}, ours: {}, counted: 0, superseded: 0 }); continue }
      const bulletin = (await this.w.residents[1].s.get(`/api/v1/polls/${p.id}/bulletin`)).body
      const recount: Record<string, number> = {}
      const ours: Record<string, number> = {}
      const byTally: Record<string, number> = {}
      for (const o of bulletin.options as { id: string }[]) { recount[o.id] = 0; ours[o.id] = 0 }
      const live = (bulletin.entries as { choices: string[]; superseded: boolean }[]).filter((e) => !e.superseded)
      for (const e of live) for (const c of e.choices) recount[c]++
      for (const choices of p.cast.values()) for (const c of choices) ours[c]++
      for (const o of tally.options as { id: string; count: number }[]) byTally[o.id] = o.count
      out.push({ id: p.id, status, lastMinute: p.lastMinute, ballots: p.cast.size, changed: p.changed, tally: byTally, recount, ours, counted: bulletin.counted, superseded: bulletin.entries.length - live.length })
    }
    return out
  }
}
