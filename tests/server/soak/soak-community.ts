import type { Resident, World } from './soak-world'

const HOUR = 3_600_000
const DAY = 24 * HOUR

interface Meeting { id: string; startsAt: number; done: boolean; attended: number }
interface Order { id: string; code: string; by: Resident; fate: 'pickup' | 'cancel' | 'expire'; placedAt: number; expiresAt: number; lastMinute: number; settled: boolean }
interface Post { id: string; windowEndsAt: number; objectionId: string | null; answered: boolean; status: string }

/**
 * The rest of community life: a meeting a week with attendance (points) and a resolution,
 * residents spending their points in the shop (orders picked up, cancelled, or left to
 * expire and be refunded by the sweep), and notices on the board whose publicity windows
 * end — one with an objection the sweep must wait for until it is answered.
 */
export class CommunityMonth {
  readonly meetings: Meeting[] = []
  readonly orders: Order[] = []
  readonly posts: Post[] = []
  private items: { id: string; pricePoints: number }[] = []

  constructor(private readonly w: World, private readonly now: () => Date) {}

  private iso = (ms: number) => new Date(ms).toISOString()

  async openShop() {
    for (const [name, pricePoints] of [['洗衣粉', 10], ['抽纸', 5]] as const) {
      const res = await this.w.admin.post('/api/v1/shop/items', { shopUnitId: this.w.communityId, name, pricePoints, stock: 500 }, 201)
      this.items.push(res.body)
    }
  }

  async scheduleMeeting() {
    const startsAt = this.now().getTime() + 2 * DAY
    const res = await this.w.admin.post('/api/v1/meetings', {
      kind: 'residents_council', unitId: this.w.communityId, startsAt: this.iso(startsAt), place: '社区活动室', host: '刘书记',
      agenda: [{ title: `第${this.meetings.length + 1}次议事：停车与绿化`, note: '' }],
    }, 201)
    this.meetings.push({ id: res.body.id, startsAt, done: false, attended: 0 })
  }

  async publishPost() {
    const n = this.posts.length + 1
    const res = await this.w.admin.post('/api/v1/board/posts', {
      unitId: this.w.communityId, kind: 'fund_use', title: `第${n}期资金使用公示`, body: `本期支出明细第${n}期：绿化养护 1200 元。`, windowDays: 3,
    }, 201)
    const post: Post = { id: res.body.id, windowEndsAt: Date.parse(res.body.windowEndsAt), objectionId: null, answered: false, status: res.body.status }
    this.posts.push(post)
    if (n % 2 === 1) {
      const objection = await this.w.residents[n].s.post(`/api/v1/board/posts/${post.id}/objections`, { body: '明细里的单价请再核实' }, 201)
      post.objectionId = objection.body.id
    }
  }

  async step(n: number) {
    await Promise.all([this.meetingsStep(), n % 3 === 0 ? this.shopStep() : null, this.lastMinutePickups(), this.boardStep()])
  }

  private async meetingsStep() {
    for (const m of this.meetings.filter((x) => !x.done && this.now().getTime() >= x.startsAt + HOUR)) {
      m.done = true
      const attending = this.w.residents.slice(this.meetings.indexOf(m) % 3, 30).filter((_, i) => i % 2 === 0).map((r) => r.household.id)
      await this.w.admin.post(`/api/v1/meetings/${m.id}/attendance`, { householdIds: attending }, [200, 201])
      const meeting = (await this.w.admin.get(`/api/v1/meetings/${m.id}`)).body
      m.attended = meeting.attendance.households.length
      const item = meeting.agenda.find((a: { kind: string }) => a.kind !== 'follow_up')
      await this.w.admin.post(`/api/v1/meetings/${m.id}/items/${item.id}/resolution`, { method: 'show_of_hands', for: m.attended - 2, against: 1, abstain: 1, decision: '同意按方案实施' }, [200, 201])
    }
  }

  private async shopStep() {
    const now = this.now().getTime()
    // a resident with enough points orders; a flaky network retries it with the same key
    const rich: Resident[] = []
    for (const r of this.w.residents.slice((this.orders.length * 3) % 20).slice(0, 3)) {
      if (rich.length === 1) break
      const points = (await r.s.get('/api/v1/me/points')).body as { balance: number }
      if (points.balance >= 10) rich.push(r)
    }
    await Promise.all(rich.map(async (r, i) => {
      const item = this.items[(this.orders.length + i) % 2]
      const key = `soak-order-${r.household.id}-${now}`
      const first = await r.s.call('POST', '/api/v1/shop/orders', { itemId: item.id }, [200, 201], { headers: { 'idempotency-key': key } })
      const retry = await r.s.call('POST', '/api/v1/shop/orders', { itemId: item.id }, [200, 201], { headers: { 'idempotency-key': key } })
      if (retry.body.id !== first.body.id) throw new Error(`a retried order made a second order (${first.body.id}, ${retry.body.id})`)
      const fate = (['pickup', 'cancel', 'expire'] as const)[this.orders.length % 3]
      this.orders.push({ id: first.body.id, code: first.body.pickupCode, by: r, fate, placedAt: now, expiresAt: Date.parse(first.body.expiresAt), lastMinute: 0, settled: false })
    }))

    for (const o of this.orders.filter((x) => !x.settled && now - x.placedAt >= 6 * HOUR)) {
      o.settled = true
      if (o.fate === 'pickup') await this.w.shop.post('/api/v1/shop/pickups', { code: o.code }, 200)
      if (o.fate === 'cancel') await o.by.s.post(`/api/v1/shop/orders/${o.id}/cancel`, {}, 200)
    }
  }

  /**
   * An order left to expire: its owner turns up in the first step past the deadline, while
   * the sweep expires it. The deadline decides, not the sweep: the code is refused with
   * shop.order_expired whether or not the sweep got there first, and the points come back once.
   */
  private async lastMinutePickups() {
    for (const o of this.orders.filter((x) => x.fate === 'expire' && !x.lastMinute && this.now().getTime() >= x.expiresAt)) {
      const res = await this.w.shop.post('/api/v1/shop/pickups', { code: o.code }, 409)
      if (res.body.error?.code !== 'shop.order_expired') throw new Error(`a pickup past the deadline answered 409 ${res.body.error?.code}`)
      o.lastMinute = res.status
    }
  }

  private async boardStep() {
    const now = this.now().getTime()
    for (const p of this.posts.filter((x) => x.status !== 'final')) {
      const post = (await this.w.residents[0].s.get(`/api/v1/board/posts/${p.id}`)).body
      p.status = post.status
      if (post.status === 'final' && p.objectionId && !p.answered) throw new Error(`post ${p.id} became final with an unanswered objection`)
      // the objection is answered a day after the window ended: until then the sweep must leave the post open
      if (p.objectionId && !p.answered && now >= p.windowEndsAt + DAY) {
        await this.w.admin.post(`/api/v1/objections/${p.objectionId}/answer`, { answer: '已核实，单价按合同执行' }, 200)
        p.answered = true
      }
    }
  }

  /** Orders as their owners see them now, and the refunds the expired ones got. */
  async orderBooks() {
    const out: { fate: string; status: string; refunded: boolean; placedAt: number; lastMinute: number }[] = []
    for (const o of this.orders) {
      const mine = (await o.by.s.get('/api/v1/me/orders?limit=100')).body.items as { id: string; status: string }[]
      const status = mine.find((x) => x.id === o.id)?.status ?? 'missing'
      const ledger = (await o.by.s.get('/api/v1/me/points/ledger?limit=100')).body.items as { reason: string; sourceId: string }[]
      const refunded = ledger.some((e) => e.reason === 'refund' && e.sourceId === o.id)
      out.push({ fate: o.fate, status, refunded, placedAt: o.placedAt, lastMinute: o.lastMinute })
    }
    return out
  }
}
