import { act, render, screen, fireEvent, waitFor } from '@testing-library/react'
import { Current, getPageInstance } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { Bulletin } from '@linli/shared'
import PollBulletin, { BulletinView } from '../../miniapp/src/packages/polls/pages/bulletin/index'
import { makeTally, ok, POLL_ID } from './polls-fixtures'

const r = (c: string) => c.repeat(64)
/** r(c)'s short codes, worked out by hand (first 80 bits in Crockford base32) */
const CODES: Record<string, string> = { 1: '248H-248H-248H-248H', 2: '48H2-48H2-48H2-48H2', 3: '6CSK-6CSK-6CSK-6CSK', 4: '8H24-8H24-8H24-8H24' }

function makeBulletin() {
  return Bulletin.parse({
    pollId: POLL_ID,
    title: '是否同意加装电梯',
    options: [{ id: 'A', label: '同意' }, { id: 'B', label: '不同意' }],
    receiptFormula: 'sha256(pollId | choices | nonce)',
    codeFormula: 'Crockford Base32 of the first 80 bits',
    codeBits: 80,
    counted: 3,
    entries: ['1', '2', '3', '4'].map((c, i) => ({
      receipt: r(c), code: CODES[c], nonce: `n${c}`, choices: [i % 2 ? 'B' : 'A'], channel: ['online', 'online', 'paper', 'door'][i], superseded: c === '2',
    })),
    certifiedTally: makeTally(),
  })
}

describe('bulletin', () => {
  afterEach(() => jest.restoreAllMocks())

  it('lists every short code with its choices and channel, marking superseded ones; the formula is folded away', () => {
    const { container } = render(<BulletinView bulletin={makeBulletin()} />)
    expect(container.querySelector('#bulletin-counted')!.textContent).toBe('计入选票 3 张，另有 1 张已被修改取代。')
    const entries = container.querySelectorAll('#bulletin-entries .bulletin-entry')
    expect(entries).toHaveLength(4)
    expect(entries[0].querySelector('.bulletin-entry__code')!.textContent).toBe('248H-248H-248H-248H')
    const sup = container.querySelector(`[data-receipt="${r('2')}"]`)!
    expect(sup.className).toContain('bulletin-entry--superseded')
    expect(sup.textContent).toContain('已被取代，不计入')
    expect(container.querySelector(`[data-receipt="${r('3')}"]`)!.textContent).toContain('A. 同意 · 纸质票')
    expect(container.querySelector(`[data-receipt="${r('4')}"]`)!.textContent).toContain('B. 不同意 · 入户代投')
    expect(container.querySelector(`[data-receipt="${r('1')}"]`)!.className).not.toContain('superseded')
    // the certified tally is shown with it
    expect(container.querySelector('#turnout-channels')!.textContent).toBe('线上 2 · 纸质票 1 · 入户代投 0')
    // plain words up front; no hash formula, no 64-digit receipt until 技术说明 is opened
    expect(container.querySelector('#bulletin-how')!.textContent).toContain('看后面的选择和您家投的是否一样')
    expect(container.textContent).not.toContain('sha256')
    expect(container.textContent).not.toContain(r('1'))
    fireEvent.click(container.querySelector('#bulletin-tech-toggle')!)
    const tech = container.querySelector('#bulletin-tech-body')!.textContent!
    expect(tech).toContain('sha256(pollId | choices | nonce)')
    expect(tech).toContain('回执码含 80 位')
    expect(tech).toContain(r('1'))
    expect(tech).toContain('nonce n1')
  })

  it('finds a code as read aloud in the list itself, without asking the server', async () => {
    const req = jest.spyOn(Taro, 'request')
    const { container } = render(<BulletinView bulletin={makeBulletin()} />)
    const input = container.querySelector('input#receipt-input') as HTMLInputElement
    fireEvent.input(input, { target: { value: '12345' } })
    fireEvent.click(container.querySelector('#receipt-submit')!)
    expect((await screen.findByRole('alert')).textContent).toContain('16 个字母和数字')
    // lower case, spaces, O for 0 and I/L for 1 as people read them
    fireEvent.input(input, { target: { value: ' 6csk 6csk-6csk 6csk ' } })
    fireEvent.click(container.querySelector('#receipt-submit')!)
    await waitFor(() => expect(container.querySelector('#receipt-result')).toBeTruthy())
    const found = container.querySelector('#receipt-result')!.textContent!
    expect(found).toContain('这张选票已计入')
    expect(found).toContain('6CSK-6CSK-6CSK-6CSK')
    expect(found).toContain('排第 3 张')
    expect(found).toContain('A. 同意')
    expect(found).toContain('纸质票')
    fireEvent.input(input, { target: { value: '248h-248h-248h-248h'.replace('2', 'Z') } })
    fireEvent.click(container.querySelector('#receipt-submit')!)
    expect((await screen.findByRole('alert')).textContent).toContain('公告里没有 Z48H-248H-248H-248H')
    expect(container.querySelector('#receipt-result')).toBeNull()
    expect(req).not.toHaveBeenCalled()
  })

  it('the QR link\'s code is looked up at once; a superseded ballot says so', async () => {
    const { container } = render(<BulletinView bulletin={makeBulletin()} initialCode={CODES[2]} />)
    await waitFor(() => expect(container.querySelector('#receipt-result')).toBeTruthy())
    expect(container.querySelector('#receipt-result')!.textContent).toContain('已被您家修改后的选票取代')
  })
})

describe('bulletin before closing (the receipt QR scanned while the poll is open)', () => {
  afterEach(() => jest.restoreAllMocks())

  it('says the bulletin comes after closing and checks the code with the server', async () => {
    const req = jest.spyOn(Taro, 'request').mockImplementation(((o: { url: string }) => Promise.resolve(o.url.includes('/receipts/')
      ? ok({ pollId: POLL_ID, receipt: r('1'), code: CODES[1], found: true, superseded: false, choices: null, channel: null })
      : ok({ error: { code: 'polls.bulletin_not_ready', message: '投票结束后才公布选票公告' } }, 409))) as any)
    ;(Current as any).router = { path: '/packages/polls/pages/bulletin/index', params: { id: POLL_ID, code: encodeURIComponent(CODES[1]) }, onReady: '', onHide: '', onShow: '' }
    const { container } = render(<PollBulletin />)
    const shown = (getPageInstance('taro-app') as any)?.componentDidShow
    await act(async () => { (Array.isArray(shown) ? shown : [shown]).forEach((f: () => void) => f?.()) })
    await waitFor(() => expect(container.querySelector('#receipt-result')).toBeTruthy())
    expect(container.textContent).toContain('投票还没有结束')
    expect(container.querySelector('#receipt-result')!.textContent).toContain('这张选票已计入')
    expect(container.querySelector('#receipt-result')!.textContent).toContain('投票结束后，这里还会显示这张选票的选择')
    expect(req.mock.calls.map((c) => (c[0] as any).url)).toContain(`/api/v1/polls/${POLL_ID}/receipts/${CODES[1]}`)
  })
})
