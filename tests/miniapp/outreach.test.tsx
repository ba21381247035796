import { render, fireEvent, waitFor, act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import CheckIn from '../../miniapp/src/packages/outreach/components/check-in'
import RosterPanel from '../../miniapp/src/packages/outreach/components/roster-panel'
import { saveTokens, clearTokens } from '../../miniapp/src/api/tokens'

const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
const byId = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement
const SESSION = '5a6b7c8d-1111-4222-8333-444455556666'
const H = (n: number) => `9e8d7c6b-0000-4000-8000-00000000000${n}`
const session = {
  id: SESSION, unitId: H(9), unitName: '王家院坝', quarter: '2026Q4', theme: '政策宣讲', speaker: '王宣传员', place: '晒坝',
  startsAt: '2026-12-05T09:00:00.000Z', status: 'scheduled', record: null, photos: [], householdsPresent: 1, attended: true,
  mayManage: false, checkInCode: null, boardPostId: null,
}

describe('院坝宣讲 components', () => {
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any))
  afterEach(() => { jest.restoreAllMocks(); clearTokens() })

  it('签到: a short code is caught before any request; the server\'s refusal is shown; a typed code is sent clean', async () => {
    const req = jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string; data?: { code: string } }) => {
      if (o.data?.code === 'K7Q2PM') return ok(session, 201)
      return ok({ error: { code: 'outreach.already_checked_in', message: '本户已登记到场' } }, 409)
    }) as any)
    const done = jest.fn()
    const { container } = render(<CheckIn onDone={done} />)
    fireEvent.input(container.querySelector('input#outreach-code-input')!, { target: { value: 'k7' } })
    fireEvent.click(byId(container, 'outreach-check-in-btn'))
    expect(byId(container, 'outreach-check-in-error').textContent).toBe('请输入 6 位签到码')
    expect(req).not.toHaveBeenCalled()

    fireEvent.input(container.querySelector('input#outreach-code-input')!, { target: { value: 'ABC123' } })
    await act(async () => { fireEvent.click(byId(container, 'outreach-check-in-btn')) })
    await waitFor(() => expect(byId(container, 'outreach-check-in-error').textContent).toBe('本户已登记到场'))

    fireEvent.input(container.querySelector('input#outreach-code-input')!, { target: { value: 'k7q-2pm' } })
    await act(async () => { fireEvent.click(byId(container, 'outreach-check-in-btn')) })
    await waitFor(() => expect(container.textContent).toContain('签到成功：政策宣讲'))
    expect(done).toHaveBeenCalledTimes(1)
    expect(req.mock.calls.map(([o]: any) => o.data)).toEqual([{ code: 'ABC123' }, { code: 'K7Q2PM' }])
  })

  it('登记到场: households already present are not offered again; ticked ones are saved and counted', async () => {
    let present = [H(1)]
    const req = jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string; method?: string; data?: { householdIds: string[] } }) => {
      if (o.url === `/api/v1/outreach/sessions/${SESSION}/roster`) {
        return ok({ households: [1, 2, 3].map((n) => ({ id: H(n), address: `王家院坝${n}号`, headName: null, present: present.includes(H(n)) })) })
      }
      present = [...present, ...o.data!.householdIds]
      return ok({ marked: o.data!.householdIds.length, householdsPresent: present.length })
    }) as any)
    const saved = jest.fn()
    const { container, getByLabelText } = render(<RosterPanel sessionId={SESSION} onSaved={saved} />)
    await waitFor(() => expect(container.querySelector('[data-address="王家院坝1号"]')?.textContent).toContain('已到场'))
    expect(container.querySelector('[aria-label="到场 王家院坝1号"]')).toBeNull()
    fireEvent.click(getByLabelText('到场 王家院坝2号'))
    fireEvent.click(getByLabelText('到场 王家院坝3号'))
    expect(byId(container, 'outreach-roster-save').textContent).toContain('登记到场（2 户）')
    await act(async () => { fireEvent.click(byId(container, 'outreach-roster-save')) })
    await waitFor(() => expect(container.textContent).toContain('已登记 2 户，共 3 户到场。'))
    expect(saved).toHaveBeenCalledTimes(1)
    const posted = req.mock.calls.map(([o]: any) => o).filter((o) => o.method === 'POST')
    expect(posted.map((o) => o.data)).toEqual([{ householdIds: [H(2), H(3)] }])
  })
})
