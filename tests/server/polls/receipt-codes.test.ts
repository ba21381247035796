import { eq, sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { pgConstraint, pgErrorCode } from '../../../server/src/db/db'
import { ballots } from '../../../server/src/modules/polls/polls.tables'
import { closePoll, makePollWorld, openPoll, paper, vote, type PollWorld } from './polls-fixtures'

// The short receipt code: 80 bits of the receipt in Crockford base32, 4 groups of 4.
let t: TestApp
let w: PollWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePollWorld(t) })
afterAll(async () => { await t.close() })

const get = (url: string, user: { id: string } | null) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: user ? w.as(user) : {} })
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/

/** written apart from the app's encoder (BigInt, not bit shifting), so both must agree */
function expectedCode(receipt: string): string {
  const n = BigInt(`0x${receipt.slice(0, 20)}`)
  let chars = ''
  for (let i = 15; i >= 0; i--) chars += '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Number((n >> BigInt(i * 5)) & 31n)]
  return chars.replace(/(.{4})(?!$)/g, '$1-')
}

describe('short receipt codes', () => {
  it('a ballot comes with a 16-character code from the receipt\'s first 80 bits; the household sees it on the poll', async () => {
    const poll = await openPoll(t, w)
    const r = (await vote(t, w, poll.id, w.headA1, ['A'])).json()
    expect(r.code).toMatch(CODE)
    expect(r.code).toBe(expectedCode(r.receipt))
    const mine = (await get(`/polls/${poll.id}`, w.adultA1)).json().myHousehold
    expect(mine.ballot).toMatchObject({ receipt: r.receipt, code: r.code })
    const p = await paper(t, w, poll.id, w.workerA, { householdId: w.hhA2.id, choices: ['B'], channel: 'door' })
    expect(p.json().code).toBe(expectedCode(p.json().receipt))
  })

  it('anyone checks a ballot by its code as read aloud (any case, with or without dashes, I/L for 1, O for 0)', async () => {
    const poll = await openPoll(t, w)
    const r = (await vote(t, w, poll.id, w.headA1, ['B'])).json()
    const spoken = r.code.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'O')
    for (const given of [r.code, r.code.replace(/-/g, ''), spoken, r.receipt]) {
      const res = await get(`/polls/${poll.id}/receipts/${encodeURIComponent(given)}`, null)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ found: true, receipt: r.receipt, code: r.code, superseded: false, choices: null })
    }
    // a code that differs in its last character is not this ballot
    const last = r.code.slice(-1) === 'Z' ? 'Y' : 'Z'
    const other = await get(`/polls/${poll.id}/receipts/${r.code.slice(0, -1)}${last}`, null)
    expect(other.statusCode).toBe(404)
    expect(other.json().error.code).toBe('polls.receipt_not_found')
    // the same code in another poll finds nothing
    const elsewhere = await openPoll(t, w)
    expect((await get(`/polls/${elsewhere.id}/receipts/${r.code}`, null)).statusCode).toBe(404)
    // U is not in the alphabet, 15 characters is too short
    for (const bad of ['7KQ2-M9XD-3FHA-WP4U', '7KQ2-M9XD-3FHA-WP4']) {
      const res = await get(`/polls/${poll.id}/receipts/${bad}`, null)
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({ code: 'request.invalid', message: expect.stringContaining('16 个字符') })
    }
  })

  it('the bulletin lists each code beside its full receipt, says it carries 80 bits, and codes are distinct', async () => {
    const poll = await openPoll(t, w, { allowChange: true })
    await vote(t, w, poll.id, w.headA1, ['A'])
    await vote(t, w, poll.id, w.headA1, ['B']) // supersedes: both stay listed
    await vote(t, w, poll.id, w.headA2, ['A'])
    await paper(t, w, poll.id, w.workerB, { householdId: w.hhB1.id, choices: ['C'], channel: 'door' })
    await closePoll(t, w, poll.id)
    const b = (await get(`/polls/${poll.id}/bulletin`, null)).json()
    expect(b.codeBits).toBe(80)
    expect(b.codeFormula).toContain('Crockford')
    expect(b.entries).toHaveLength(4)
    for (const e of b.entries) expect(e.code).toBe(expectedCode(e.receipt))
    expect(new Set(b.entries.map((e: { code: string }) => e.code)).size).toBe(4)
    const check = (await get(`/polls/${poll.id}/receipts/${b.entries[0].code}`, null)).json()
    expect(check).toMatchObject({ receipt: b.entries[0].receipt, choices: b.entries[0].choices })
  })

  it('the database refuses two ballots of one poll with the same code; another poll may have it', async () => {
    const one = await openPoll(t, w)
    const a = (await vote(t, w, one.id, w.headA1, ['A'])).json()
    const b = (await vote(t, w, one.id, w.headA2, ['A'])).json()
    const sameCode = `${a.receipt.slice(0, 20)}${b.receipt.slice(20)}` // differs from a's receipt, same first 80 bits
    const err = await t.database.db.update(ballots).set({ receipt: sameCode }).where(eq(ballots.receipt, b.receipt)).then(() => null, (e) => e)
    expect(pgErrorCode(err)).toBe('23505')
    expect(pgConstraint(err)).toBe('ballots_receipt_code_uq')

    const two = await openPoll(t, w)
    const c = (await vote(t, w, two.id, w.headA1, ['A'])).json()
    const otherPoll = `${a.receipt.slice(0, 20)}${c.receipt.slice(20)}`
    await t.database.db.update(ballots).set({ receipt: otherPoll }).where(eq(ballots.receipt, c.receipt))
    const shared = await t.database.db.select({ id: ballots.id }).from(ballots).where(sql`left(${ballots.receipt}, 20) = ${a.receipt.slice(0, 20)}`)
    const n = shared.length
    expect(n).toBe(2)
  })
})
