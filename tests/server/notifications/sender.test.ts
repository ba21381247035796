import { bearer } from '../../helpers/factories'
import { startFakeWechat, type FakeWechat } from '../../helpers/fake-wechat'
import { notificationsApp, type NotificationsApp } from './notifications-fixtures'

/** The outbox sender (scheduled job notifications.send_outbox) against the fake WeChat server, on the test clock. */
let fake: FakeWechat
let n: NotificationsApp
beforeAll(async () => { fake = await startFakeWechat(); n = await notificationsApp(fake) })
afterAll(async () => { await n.close(); await fake.close() })

const sendsTo = (openId: string) => fake.sent().filter((b) => b.touser === openId)

describe('sending subscribe messages from the outbox', () => {
  it('success: one message with the configured template, mapped and cut fields, the page without its slash; the credit is used', async () => {
    const u = await n.user()
    expect((await n.subscribe(u.id, { 'TPL-REPORT': 'accept' })).statusCode).toBe(200)
    await n.raise('report_accepted', [u.id], 'r-ok', { subject: '三号楼二单元楼道声控灯坏了晚上完全看不见路', status: '已受理' })
    expect(await n.sweep()).toMatchObject({ sent: 1 })
    const [row] = await n.outboxOf(u.id)
    expect(row.row).toMatchObject({ status: 'sent', attempts: 1, lastError: null })
    expect(row.row.sentAt?.getTime()).toBe(n.clock.now().getTime())
    expect(sendsTo(u.openId!)).toEqual([{
      touser: u.openId, template_id: 'TPL-REPORT', page: 'packages/reports/pages/detail/index?id=r-ok', miniprogram_state: 'formal', lang: 'zh_CN',
      data: { thing1: { value: '三号楼二单元楼道声控灯坏了晚上完全看不…' }, phrase2: { value: '已受理' }, time3: { value: '2026-11-23 09:00' }, thing4: { value: '网格员已受理，将尽快处理' } },
    }])
    expect([...(sendsTo(u.openId!)[0].data as { thing1: { value: string } }).thing1.value]).toHaveLength(20)
    expect(await n.credits(u.id, 'TPL-REPORT')).toBe(0)
    // a second sweep sends nothing again
    expect(await n.sweep()).toMatchObject({ sent: 0 })
    expect(sendsTo(u.openId!)).toHaveLength(1)
  })

  it('no credit left, no openid, or no template for the kind: skipped, nothing sent, and the inbox still has it', async () => {
    const noCredit = await n.user()
    const noOpenId = await n.user(null)
    const orders = await n.user()
    await n.subscribe(noOpenId.id, { 'TPL-REPORT': 'accept' })
    await n.subscribe(orders.id, { 'TPL-REPORT': 'accept' })
    await n.raise('report_rejected', [noCredit.id, noOpenId.id], 'r-skip')
    await n.raise('order_ready', [orders.id], 'o-1')
    expect(await n.sweep()).toMatchObject({ skipped: 3, sent: 0 })
    expect((await n.outboxOf(noCredit.id))[0].row).toMatchObject({ status: 'skipped', lastError: 'no subscription for this template' })
    expect((await n.outboxOf(noOpenId.id))[0].row).toMatchObject({ status: 'skipped', lastError: 'user has no WeChat openid' })
    expect((await n.outboxOf(orders.id))[0].row).toMatchObject({ status: 'skipped', lastError: 'no template configured for this kind' })
    expect(await n.credits(orders.id, 'TPL-REPORT')).toBe(1) // a skipped row uses no credit
    expect(sendsTo(noCredit.openId!)).toHaveLength(0)
    const inbox = await n.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: bearer(n.app, noCredit.id) })
    expect(inbox.json().items).toMatchObject([{ kind: 'report_rejected', title: '您的上报已受理', readAt: null }])
  })

  it('43101 (the user has no subscription at WeChat): refused, not retried, our credits for the template cleared', async () => {
    const u = await n.user()
    await n.subscribe(u.id, { 'TPL-REPORT': 'accept' })
    await n.subscribe(u.id, { 'TPL-REPORT': 'accept' })
    fake.scriptSend(u.openId!, 43101)
    await n.raise('report_dispatched', [u.id])
    expect(await n.sweep()).toMatchObject({ refused: 1 })
    expect((await n.outboxOf(u.id))[0].row).toMatchObject({ status: 'refused', attempts: 1, lastError: expect.stringContaining('43101') })
    expect(await n.credits(u.id, 'TPL-REPORT')).toBe(0)
    n.clock.advance(3_600_000)
    await n.sweep()
    expect(sendsTo(u.openId!)).toHaveLength(1)
  })

  it('47003 (data does not fit the template): failed at once, logged with the kind, the credit given back', async () => {
    const u = await n.user()
    await n.subscribe(u.id, { 'TPL-POLL': 'accept' })
    fake.scriptSend(u.openId!, 47003)
    await n.raise('poll_closing', [u.id], 'p-1', { subject: '加装电梯表决', deadline: '2026-11-24 09:00' })
    expect(await n.sweep()).toMatchObject({ failed: 1 })
    expect((await n.outboxOf(u.id))[0].row).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('47003') })
    expect(n.warnings).toContainEqual(expect.objectContaining({ kind: 'poll_closing', errcode: 47003 }))
    expect(await n.credits(u.id, 'TPL-POLL')).toBe(1)
    n.clock.advance(3_600_000)
    await n.sweep()
    expect(sendsTo(u.openId!)).toHaveLength(1)
  })

  it('40001 (token expired): one new stable token, the same message retried once in the same run and sent', async () => {
    const u = await n.user()
    await n.subscribe(u.id, { 'TPL-REPORT': 'accept' })
    await n.raise('report_resolved', [u.id])
    const tokensBefore = fake.tokensIssued()
    expect(tokensBefore).toBeGreaterThan(0) // the earlier sends got one, and kept using it
    fake.expireTokens({ stableStillReturnsIt: true }) // WeChat hands the dead token out again until force_refresh
    expect(await n.sweep()).toMatchObject({ sent: 1 })
    expect(sendsTo(u.openId!)).toHaveLength(2) // refused with the old token, then sent with the new one
    expect(fake.tokensIssued()).toBe(tokensBefore + 1)
    const tokenCalls = fake.bodies.filter((b) => b.path === '/cgi-bin/stable_token').map((b) => b.body.force_refresh)
    expect(tokenCalls.slice(-2)).toEqual([false, true]) // a plain fetch first; force_refresh only because it gave the dead token back
    expect(tokenCalls.filter((f) => f === true)).toHaveLength(1)
  })

  it('40001 again after a fresh token: not a second retry in the run; pending for a later attempt', async () => {
    const u = await n.user()
    await n.subscribe(u.id, { 'TPL-REPORT': 'accept' })
    fake.scriptSend(u.openId!, 40001, 40001)
    await n.raise('report_accepted', [u.id])
    expect(await n.sweep()).toMatchObject({ retry: 1 })
    expect(sendsTo(u.openId!)).toHaveLength(2)
    expect((await n.outboxOf(u.id))[0].row).toMatchObject({ status: 'pending', attempts: 1 })
    n.clock.advance(60_000)
    expect(await n.sweep()).toMatchObject({ sent: 1 })
  })

  it('unreachable or 5xx: retried with exponential backoff on the clock, then given up as failed after 5 attempts', async () => {
    const u = await n.user()
    await n.subscribe(u.id, { 'TPL-REPORT': 'accept' })
    fake.scriptSend(u.openId!, 'unreachable', 500, 'unreachable', 500, 'unreachable', 'ok')
    await n.raise('report_accepted', [u.id])
    const start = n.clock.now().getTime()
    const waits = [60_000, 120_000, 240_000, 480_000]
    for (const [i, wait] of waits.entries()) {
      expect(await n.sweep()).toMatchObject({ retry: 1 })
      const [row] = await n.outboxOf(u.id)
      expect(row.row).toMatchObject({ status: 'pending', attempts: i + 1 })
      expect(row.row.nextAttemptAt.getTime() - n.clock.now().getTime()).toBe(wait)
      n.clock.advance(wait - 1)
      await n.sweep() // not due yet: nothing sent
      expect(sendsTo(u.openId!)).toHaveLength(i + 1)
      n.clock.advance(1)
    }
    expect(await n.sweep()).toMatchObject({ failed: 1 })
    expect((await n.outboxOf(u.id))[0].row).toMatchObject({ status: 'failed', attempts: 5 })
    expect(n.clock.now().getTime() - start).toBe(900_000)
    expect(sendsTo(u.openId!)).toHaveLength(5)
    expect(await n.credits(u.id, 'TPL-REPORT')).toBe(1) // nothing reached the user
  })
})
