import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { POLL_TRANSITIONS, type PollState } from '@linli/shared'
import { ManageActions } from '../../miniapp/src/packages/polls/pages/manage/index'
import { makePoll, ok, POLL_ID } from './polls-fixtures'

// 投票管理: the buttons are the moves the shared table allows from the state the server
// reported; after a move the page gets the poll as the server answered it.
const AHEAD = '2099-01-01T09:00:00+08:00'
const PAST = '2020-01-01T09:00:00+08:00'
const buttons = (c: HTMLElement) => [...c.querySelectorAll('#manage-actions button')].map((b) => b.textContent)
const unpublished = { electorateSize: null, openedAt: null, myHousehold: null }

describe('投票管理 actions', () => {
  afterEach(() => jest.restoreAllMocks())

  it.each([
    ['draft', AHEAD, ['排期开启', '立即开启', '取消投票']],
    ['draft', PAST, ['立即开启', '取消投票']], // a start time already past cannot be scheduled
    ['scheduled', AHEAD, ['撤回排期', '立即开启', '取消投票']],
    ['open', PAST, ['提前结束投票', '取消投票']],
  ] as const)('%s (start %s) offers %j', (status, opensAt, expected) => {
    const poll = makePoll({ status, opensAt, closesAt: '2099-12-31T20:00:00+08:00', ...(status === 'open' ? {} : unpublished) })
    const { container } = render(<ManageActions poll={poll} onDone={jest.fn()} />)
    expect(buttons(container)).toEqual(expected)
    // every button is a move the table allows
    for (const id of [...container.querySelectorAll('#manage-actions button')].map((b) => b.id.replace('manage-', ''))) {
      expect(POLL_TRANSITIONS[status as PollState]).toHaveProperty(id)
    }
  })

  it('closed and cancelled polls offer nothing', () => {
    for (const status of ['closed', 'cancelled'] as const) {
      const { container } = render(<ManageActions poll={makePoll({ status })} onDone={jest.fn()} />)
      expect(container.querySelector('#manage-actions')).toBeNull()
    }
  })

  it('says what the state means: a draft waits for the admin, a scheduled poll for its start time', () => {
    const draft = render(<ManageActions poll={makePoll({ status: 'draft', opensAt: AHEAD, ...unpublished })} onDone={jest.fn()} />)
    expect(draft.container.querySelector('#manage-state-hint')!.textContent).toContain('草稿不会自动开启')
    const scheduled = render(<ManageActions poll={makePoll({ status: 'scheduled', opensAt: AHEAD, ...unpublished })} onDone={jest.fn()} />)
    expect(scheduled.container.querySelector('#manage-state-hint')!.textContent).toContain('已排期：将于 2099')
  })

  it.each([
    ['schedule', 'draft', 'scheduled'],
    ['unschedule', 'scheduled', 'draft'],
    ['open', 'scheduled', 'open'],
  ] as const)('%s: confirms, posts it and hands on the poll the server answered', async (action, from, to) => {
    const answered = makePoll({ status: to, opensAt: AHEAD, ...(to === 'open' ? {} : unpublished) })
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(answered))
    const onDone = jest.fn()
    const { container } = render(<ManageActions poll={makePoll({ status: from, opensAt: AHEAD, ...unpublished })} onDone={onDone} />)
    fireEvent.click(container.querySelector(`#manage-${action}`)!)
    expect(req).not.toHaveBeenCalled() // a confirmation first
    fireEvent.click(container.querySelector(`#manage-confirm-${action}`)!)
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(answered))
    expect(req.mock.calls[0][0]).toMatchObject({ url: `/api/v1/polls/${POLL_ID}/${action}`, method: 'POST' })
  })

  it('a refusal is shown in Chinese and nothing changes', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'polls.open_time_passed', message: '开始时间已过，不能排期；请修改开始时间，或立即开启' } }, 422))
    const onDone = jest.fn()
    const { container } = render(<ManageActions poll={makePoll({ status: 'draft', opensAt: AHEAD, ...unpublished })} onDone={onDone} />)
    fireEvent.click(container.querySelector('#manage-schedule')!)
    fireEvent.click(container.querySelector('#manage-confirm-schedule')!)
    await waitFor(() => expect(container.querySelector('#manage-error')!.textContent).toContain('开始时间已过'))
    expect(onDone).not.toHaveBeenCalled()
  })
})
