import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Bulletin } from '@linli/shared'
import { BulletinView } from '../../miniapp/src/packages/polls/pages/bulletin/index'
import { makeTally, ok, POLL_ID } from './polls-fixtures'

const r = (c: string) => c.repeat(64)

function makeBulletin() {
  return Bulletin.parse({
    pollId: POLL_ID,
    title: '是否同意加装电梯',
    options: [{ id: 'A', label: '同意' }, { id: 'B', label: '不同意' }],
    receiptFormula: 'sha256(pollId | choices | nonce)',
    counted: 3,
    entries: [
      { receipt: r('1'), nonce: 'n1', choices: ['A'], channel: 'online', superseded: false },
      { receipt: r('2'), nonce: 'n2', choices: ['B'], channel: 'online', superseded: true },
      { receipt: r('3'), nonce: 'n3', choices: ['A'], channel: 'paper', superseded: false },
      { receipt: r('4'), nonce: 'n4', choices: ['B'], channel: 'door', superseded: false },
    ],
    certifiedTally: makeTally(),
  })
}

describe('bulletin', () => {
  afterEach(() => jest.restoreAllMocks())

  it('lists every receipt with its choices and channel, marking superseded ones', () => {
    const { container } = render(<BulletinView bulletin={makeBulletin()} />)
    expect(container.querySelector('#bulletin-counted')!.textContent).toBe('计入选票 3 张，另有 1 张已被修改取代。')
    const entries = container.querySelectorAll('#bulletin-entries .bulletin-entry')
    expect(entries).toHaveLength(4)
    const sup = container.querySelector(`[data-receipt="${r('2')}"]`)!
    expect(sup.className).toContain('bulletin-entry--superseded')
    expect(sup.textContent).toContain('已被取代，不计入')
    expect(container.querySelector(`[data-receipt="${r('3')}"]`)!.textContent).toContain('A · 纸质票')
    expect(container.querySelector(`[data-receipt="${r('4')}"]`)!.textContent).toContain('B · 入户代投')
    expect(container.querySelector(`[data-receipt="${r('1')}"]`)!.className).not.toContain('superseded')
    // the certified tally is shown with it
    expect(container.querySelector('#turnout-channels')!.textContent).toBe('线上 2 · 纸质票 1 · 入户代投 0')
  })

  it('checks a receipt with the server, and refuses a malformed one without calling it', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok({ pollId: POLL_ID, receipt: r('a'), found: true, superseded: false, choices: ['A'], channel: 'online' }))
    const { container } = render(<BulletinView bulletin={makeBulletin()} />)
    const input = container.querySelector('input#receipt-input') as HTMLInputElement
    fireEvent.input(input, { target: { value: '12345' } })
    fireEvent.click(container.querySelector('#receipt-submit')!)
    expect((await screen.findByRole('alert')).textContent).toContain('64 位')
    expect(req).not.toHaveBeenCalled()
    fireEvent.input(input, { target: { value: ` ${r('A')} ` } })
    fireEvent.click(container.querySelector('#receipt-submit')!)
    await waitFor(() => expect(container.querySelector('#receipt-result')).toBeTruthy())
    expect((req.mock.calls[0][0] as any).url).toBe(`/api/v1/polls/${POLL_ID}/receipts/${r('a')}`)
    expect(container.querySelector('#receipt-result')!.textContent).toContain('这张选票已计入')
    expect(container.querySelector('#receipt-result')!.textContent).toContain('A. 同意')
  })

  it('shows the server message for an unknown receipt', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'polls.receipt_not_found', message: '没有找到这个回执码' } }, 404))
    const { container } = render(<BulletinView bulletin={makeBulletin()} />)
    fireEvent.input(container.querySelector('input#receipt-input')!, { target: { value: r('b') } })
    fireEvent.click(container.querySelector('#receipt-submit')!)
    expect((await screen.findByRole('alert')).textContent).toBe('没有找到这个回执码')
    expect(container.querySelector('#receipt-result')).toBeNull()
  })
})
