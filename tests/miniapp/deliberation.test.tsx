import { useState } from 'react'
import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Meeting, Topic } from '@linli/shared'
import { TopicCard } from '../../miniapp/src/pages/deliberation/topic-card'
import ResolutionForm from '../../miniapp/src/packages/deliberation/components/resolution-form'
import Agenda from '../../miniapp/src/packages/deliberation/components/agenda'
import AttendanceSummary from '../../miniapp/src/packages/deliberation/components/attendance-summary'
import { ok } from './polls-fixtures'

type TopicT = import('@linli/shared').Topic
type MeetingT = import('@linli/shared').Meeting
const TOPIC = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601'
const MEETING = '4a2d3c5b-6e7f-4a81-9b02-c3d4e5f60712'
const ITEM0 = '5b3e4d6c-7f80-4b92-8c13-d4e5f6071823'
const ITEM1 = '6c4f5e7d-8091-4ca3-9d24-e5f607182934'
const PREV = '7d506f8e-91a2-4db4-8e35-f60718293a45'
const UNIT = '8e617091-a2b3-4ec5-9f46-0718293a4b56'

const makeTopic = (over: Partial<TopicT> = {}): TopicT => Topic.parse({
  id: TOPIC, unitId: UNIT, unitName: '青山村第一网格', title: '院坝路灯更换', body: '路灯坏了半年', source: 'resident', reportId: null,
  status: 'open', cosignCount: 1, cosignThreshold: 5, cosignedByMyHousehold: false, byInformant: false, meetingId: null, createdAt: '2026-11-23T09:00:00+08:00', ...over,
})

const makeMeeting = (over: Partial<MeetingT> = {}): MeetingT => Meeting.parse({
  id: MEETING, kind: 'bench', kindLabel: '板凳会', unitId: UNIT, unitName: '青山村第一网格', title: '板凳会', startsAt: '2026-11-25T19:30:00+08:00',
  place: '黄桷树下', host: '周主任', createdAt: '2026-11-23T09:00:00+08:00', minutes: null,
  agenda: [
    { id: ITEM0, position: 0, kind: 'follow_up', title: '上轮议事事项落实情况', note: '', topicId: null, resolution: null,
      followUp: { previousMeetingId: PREV, entries: [{ meetingId: PREV, itemId: '9f7201a2-b3c4-4fd6-8a57-18293a4b5c67', title: '排水沟清淤', decision: '月底前完成', status: 'resolved', statusText: '已形成决议：月底前完成' }] } },
    { id: ITEM1, position: 1, kind: 'topic', title: '院坝路灯更换', note: '', topicId: TOPIC, followUp: null, resolution: null },
  ],
  attendance: { visibility: 'all', householdCount: 0, userCount: 0, households: [], users: [] },
  ...over,
})

function CardHarness({ initial }: { initial: TopicT }) {
  const [t, setT] = useState(initial)
  return <TopicCard topic={t} canCosign onChanged={setT} onOpen={() => {}} />
}

describe('topic card: 本户联名', () => {
  afterEach(() => jest.restoreAllMocks())

  it('co-signs for the household and shows the new count and 您家已联名', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok({ topicId: TOPIC, status: 'open', cosignCount: 2, cosignThreshold: 5 }, 201))
    const { container } = render(<CardHarness initial={makeTopic()} />)
    expect(container.querySelector(`#topic-cosigns-${TOPIC}`)!.textContent).toBe('联名 1 / 5 户')
    fireEvent.click(screen.getByRole('button', { name: '本户联名支持：院坝路灯更换' }))
    await waitFor(() => expect(container.querySelector(`#topic-cosigned-${TOPIC}`)).toBeTruthy())
    expect(req.mock.calls[0][0]).toMatchObject({ url: `/api/v1/topics/${TOPIC}/cosign`, method: 'POST' })
    expect(container.querySelector(`#topic-cosigns-${TOPIC}`)!.textContent).toBe('联名 2 / 5 户')
    expect(screen.queryByRole('button', { name: '本户联名支持：院坝路灯更换' })).toBeNull()
  })

  it('shows the server\'s Chinese message when the household already co-signed', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'deliberation.already_cosigned', message: '您的家庭已经联名过该议题' } }, 409))
    render(<CardHarness initial={makeTopic()} />)
    fireEvent.click(screen.getByRole('button', { name: '本户联名支持：院坝路灯更换' }))
    expect((await screen.findByRole('alert')).textContent).toBe('您的家庭已经联名过该议题')
  })

  it('offers no co-sign once the topic is decided, nor to a user without a household', () => {
    const { rerender } = render(<TopicCard topic={makeTopic({ status: 'decided' })} canCosign onChanged={() => {}} onOpen={() => {}} />)
    expect(screen.queryByRole('button', { name: '本户联名支持：院坝路灯更换' })).toBeNull()
    expect(screen.getByText('已议定')).toBeTruthy()
    rerender(<TopicCard topic={makeTopic()} canCosign={false} onChanged={() => {}} onOpen={() => {}} />)
    expect(screen.queryByRole('button', { name: '本户联名支持：院坝路灯更换' })).toBeNull()
  })
})

describe('meeting agenda and resolutions', () => {
  afterEach(() => jest.restoreAllMocks())

  it('the generated first item lists the previous resolutions; a resident sees 尚未表决 and no form', () => {
    const { container } = render(<Agenda meeting={makeMeeting()} manage={false} onSaved={() => {}} />)
    expect(container.querySelector('#agenda-item-0')!.textContent).toContain('上轮议事事项落实情况')
    expect(container.querySelector('#followup-entries')!.textContent).toContain('已形成决议：月底前完成')
    expect(container.querySelector('#res-1-pending')).toBeTruthy()
    expect(container.querySelector('#res-1-form')).toBeNull()
  })

  it('records a show-of-hands resolution: counts and decision required, then one request', async () => {
    const resolved = makeMeeting()
    resolved.agenda[1] = { ...resolved.agenda[1], resolution: { method: 'show_of_hands', decision: '同意更换', for: 23, against: 2, abstain: 1, pollId: null, resolvedAt: '2026-11-25T20:30:00+08:00' } }
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok(resolved, 201))
    const onSaved = jest.fn()
    const { container } = render(<ResolutionForm meeting={makeMeeting()} item={makeMeeting().agenda[1]} onSaved={onSaved} />)
    fireEvent.click(container.querySelector('#res-1-submit')!)
    expect((await screen.findByRole('alert')).textContent).toContain('请填写赞成、反对、弃权的人数')
    fireEvent.input(container.querySelector('input#res-1-for')!, { target: { value: '23' } })
    fireEvent.input(container.querySelector('input#res-1-against')!, { target: { value: '2' } })
    fireEvent.input(container.querySelector('input#res-1-abstain')!, { target: { value: '1' } })
    fireEvent.click(container.querySelector('#res-1-submit')!)
    expect((await screen.findByRole('alert')).textContent).toBe('请填写决议内容')
    expect(req).not.toHaveBeenCalled()
    fireEvent.input(container.querySelector('textarea')!, { target: { value: '同意更换' } })
    fireEvent.click(container.querySelector('#res-1-submit')!)
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1))
    expect(req.mock.calls[0][0]).toMatchObject({
      url: `/api/v1/meetings/${MEETING}/items/${ITEM1}/resolution`, method: 'POST',
      data: { method: 'show_of_hands', for: 23, against: 2, abstain: 1, decision: '同意更换' },
    })
    const { container: shown } = render(<Agenda meeting={onSaved.mock.calls[0][0]} manage onSaved={() => {}} />)
    expect(shown.querySelector('#res-1-hands')!.textContent).toBe('赞成 23反对 2弃权 1')
    expect(shown.querySelector('#res-1-form')).toBeNull()
  })
})

describe('到会住户: what each reader is shown', () => {
  const HH1 = 'a1b2c3d4-e5f6-4a07-8b18-c2d3e4f50611'
  const HH2 = 'a1b2c3d4-e5f6-4a07-8b18-c2d3e4f50622'
  const U1 = 'b1b2c3d4-e5f6-4a07-8b18-c2d3e4f50633'
  const shown = (attendance: MeetingT['attendance']) => render(<AttendanceSummary attendance={makeMeeting({ attendance }).attendance} />).container

  it('staff and organisers: the counts and every household', () => {
    const c = shown({ visibility: 'all', householdCount: 2, userCount: 1, households: [{ householdId: HH1, address: '李家院坝1号' }, { householdId: HH2, address: '李家院坝2号' }], users: [{ userId: U1, displayName: '李大爷' }] })
    expect(c.querySelector('#attendance-count')!.textContent).toBe('已签到 2 户、1 人')
    expect(c.querySelector('#attendance-list')!.textContent).toBe('李家院坝1号李家院坝2号')
    expect(c.querySelector('#attendance-private')).toBeNull()
  })

  it('a household: the total, and only its own entry (or that it was not recorded)', () => {
    const c = shown({ visibility: 'own', householdCount: 6, userCount: 2, households: [{ householdId: HH1, address: '李家院坝1号' }], users: [] })
    expect(c.querySelector('#attendance-count')!.textContent).toBe('已签到 6 户、2 人')
    expect(c.querySelector('#attendance-list')!.textContent).toBe('您家已签到：李家院坝1号')
    const absent = shown({ visibility: 'own', householdCount: 6, userCount: 0, households: [], users: [] })
    expect(absent.querySelector('#attendance-list')).toBeNull()
    expect(absent.querySelector('#attendance-own-none')!.textContent).toBe('您家没有登记到会。')
  })

  it('a rider, a department or a supervisor: counts only, no list, and why', () => {
    const c = shown({ visibility: 'none', householdCount: 6, userCount: 0, households: [], users: [] })
    expect(c.querySelector('#attendance-count')!.textContent).toBe('已签到 6 户')
    expect(c.querySelector('#attendance-list')).toBeNull()
    expect(c.querySelector('#attendance-private')!.textContent).toContain('到会名单只向会议召集人')
  })
})
