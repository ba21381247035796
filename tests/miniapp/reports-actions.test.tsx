import { render, fireEvent, waitFor, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ReportActionLabel, ReportStatuses, REPORT_TRANSITIONS, type ReportActorRole, type ReportState } from '@linli/shared'
import ReportActions, { reportButtons } from '../../miniapp/src/packages/reports/components/report-actions'
import { actorRoles } from '../../miniapp/src/packages/reports/roles'
import { makeReport, ok, REPORT_ID } from './reports-fixtures'
import { makeMe } from './fixtures'
import { confirmDialog } from './confirm-dialog'

const buttons = (c: HTMLElement) => [...c.querySelectorAll('[id^="report-action-"]')].map((b) => b.id.replace('report-action-', ''))
const worker: ReportActorRole[] = ['grid_worker']
const reporter: ReportActorRole[] = ['reporter']

describe('report action buttons follow the shared transition table', () => {
  afterEach(() => jest.restoreAllMocks())

  it.each([
    ['submitted', worker, ['accept', 'reject', 'mark_duplicate']],
    ['accepted', worker, ['start']],
    ['in_progress', worker, ['dispatch', 'resolve']],
    ['dispatched', worker, ['resolve']],
    ['reopened', worker, ['start']],
    ['resolved', worker, []],
    ['resolved', reporter, ['confirm', 'reopen']],
    ['submitted', reporter, []],
    ['confirmed', [...worker, ...reporter], []],
  ] as [ReportState, ReportActorRole[], string[]][])('%s as %j shows %j', (status, roles, expected) => {
    const { container } = render(<ReportActions report={makeReport(status, { roles })} roles={roles} onChanged={() => {}} />)
    expect(buttons(container)).toEqual(expected)
    for (const a of expected) expect(container.querySelector(`#report-action-${a}`)!.textContent).toBe(a === 'confirm' ? '确认办结并评价' : ReportActionLabel[a as keyof typeof ReportActionLabel])
  })

  it('never offers the system-only close, and every status agrees with the table for every role', () => {
    for (const status of ReportStatuses) {
      for (const roles of [worker, reporter, ['community_admin'] as ReportActorRole[]]) {
        const got = reportButtons(makeReport(status, { roles }), roles)
        expect(got).not.toContain('close')
        for (const a of got) {
          expect(REPORT_TRANSITIONS[a].from).toContain(status)
          expect(REPORT_TRANSITIONS[a].by.some((r) => roles.includes(r))).toBe(true)
        }
      }
    }
  })

  it('shows nothing the server does not allow this caller (a grid outside my scope)', () => {
    const report = makeReport('submitted', { roles: [] }) // server: no actions for me
    const { container } = render(<ReportActions report={report} roles={worker} onChanged={() => {}} />)
    expect(buttons(container)).toEqual([])
  })

  it('derives roles from the session: reporter on my report, handler from a grid role', () => {
    const me = makeMe({ roles: [{ role: 'grid_worker', unitId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', unitName: '第一网格' }] })
    expect(actorRoles(me, { isMine: false })).toEqual(['grid_worker'])
    expect(actorRoles(makeMe(), { isMine: true })).toEqual(['reporter'])
    expect(actorRoles(makeMe({ roles: [{ role: 'observer', unitId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', unitName: '和平街道' }] }), { isMine: false })).toEqual([])
  })

  it('accept is one tap and reports the new state', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(makeReport('accepted', { roles: worker })))
    const changed = jest.fn()
    const { container } = render(<ReportActions report={makeReport('submitted', { roles: worker })} roles={worker} onChanged={changed} />)
    fireEvent.click(container.querySelector('#report-action-accept')!)
    await waitFor(() => expect(changed).toHaveBeenCalled())
    expect(req.mock.calls[0][0]).toMatchObject({ url: `/api/v1/reports/${REPORT_ID}/transitions`, method: 'POST', data: { action: 'accept' } })
    expect(changed.mock.calls[0][0].status).toBe('accepted')
  })

  it('reject needs a reason before it calls the server', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(makeReport('rejected', { roles: worker })))
    const { container } = render(<ReportActions report={makeReport('submitted', { roles: worker })} roles={worker} onChanged={() => {}} />)
    fireEvent.click(container.querySelector('#report-action-reject')!)
    fireEvent.click(container.querySelector('#report-form-submit')!)
    expect((await screen.findByRole('alert')).textContent).toBe('请填写不予受理的理由')
    expect(req).not.toHaveBeenCalled()
    fireEvent.input(container.querySelector('input#report-note-reject')!, { target: { value: '不属于本网格' } })
    fireEvent.click(container.querySelector('#report-form-submit')!)
    await waitFor(() => expect(req).toHaveBeenCalledTimes(1))
    expect(req.mock.calls[0][0].data).toEqual({ action: 'reject', reason: '不属于本网格' })
  })

  it('resolve sends the note and the after photos', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(makeReport('resolved', { roles: worker })))
    const { container } = render(<ReportActions report={makeReport('in_progress', { roles: worker })} roles={worker} onChanged={() => {}} />)
    fireEvent.click(container.querySelector('#report-action-resolve')!)
    expect(container.querySelector('#report-after-photos')).toBeTruthy()
    fireEvent.click(container.querySelector('#report-form-submit')!)
    expect((await screen.findByRole('alert')).textContent).toBe('请填写办理情况')
    fireEvent.input(container.querySelector('input#report-note-resolve')!, { target: { value: '已清理完毕' } })
    fireEvent.click(container.querySelector('#report-form-submit')!)
    // 办结 is confirmed first: the dialog repeats what the reporter will read; nothing is sent before
    const shown = await confirmDialog()
    expect(shown).toContain('已清理完毕')
    expect(shown).toContain('未拍')
    await waitFor(() => expect(req).toHaveBeenCalledTimes(1))
    expect(req.mock.calls[0][0].data).toEqual({ action: 'resolve', note: '已清理完毕', photoIds: [] })
  })

  it('the reporter confirms with one of the three ratings, or reopens with a reason', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(makeReport('confirmed', { roles: reporter })))
    const { container, unmount } = render(<ReportActions report={makeReport('resolved', { roles: reporter })} roles={reporter} onChanged={() => {}} />)
    fireEvent.click(container.querySelector('#report-action-confirm')!)
    expect([...container.querySelectorAll('[id^="report-rating-"]')].map((b) => b.textContent)).toEqual(['满意', '基本满意', '不满意'])
    fireEvent.click(container.querySelector('#report-form-submit')!)
    expect((await screen.findByRole('alert')).textContent).toBe('请选择您的评价')
    fireEvent.click(container.querySelector('#report-rating-满意')!)
    fireEvent.click(container.querySelector('#report-form-submit')!)
    await waitFor(() => expect(req).toHaveBeenCalledTimes(1))
    expect(req.mock.calls[0][0].data).toEqual({ action: 'confirm', rating: '满意' })
    unmount()

    req.mockResolvedValue(ok(makeReport('reopened', { roles: reporter })))
    const r2 = render(<ReportActions report={makeReport('resolved', { roles: reporter })} roles={reporter} onChanged={() => {}} />)
    fireEvent.click(r2.container.querySelector('#report-action-reopen')!)
    fireEvent.input(r2.container.querySelector('input#report-note-reopen')!, { target: { value: '垃圾又堆起来了' } })
    fireEvent.click(r2.container.querySelector('#report-form-submit')!)
    await waitFor(() => expect(req).toHaveBeenCalledTimes(2))
    expect(req.mock.calls[1][0].data).toEqual({ action: 'reopen', reason: '垃圾又堆起来了', rating: '不满意' })
  })

  it('shows the server message when a transition is refused', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'reports.invalid_transition', message: '当前状态不能进行此操作' } }, 409))
    const changed = jest.fn()
    const { container } = render(<ReportActions report={makeReport('accepted', { roles: worker })} roles={worker} onChanged={changed} />)
    fireEvent.click(container.querySelector('#report-action-start')!)
    expect((await screen.findByRole('alert')).textContent).toBe('当前状态不能进行此操作')
    expect(changed).not.toHaveBeenCalled()
  })
})
