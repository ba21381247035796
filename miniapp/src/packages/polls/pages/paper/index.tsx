import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { POLL_LIMITS } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { ApiError, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { listHouseholds, type HouseholdT } from '../../../../api/org'
import { enterPaperBallot, getPoll, getTurnout, listPolls, type PollSummaryT, type PollT, type ReceiptT } from '../../../../api/polls'
import { formatDateTime } from '../../../../format'
import VoteForm from '../../components/vote-form'
import Chips from '../../../../components/chips'
import { ChannelLabel } from '../../poll-text'
import '../../polls.css'

type Load<T> = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; data: T }

function PickPoll({ onPick }: { onPick: (id: string) => void }) {
  const [state, setState] = useState<Load<PollSummaryT[]>>({ status: 'loading' })
  const load = useCallback(async () => {
    setState({ status: 'loading' })
    try { setState({ status: 'ready', data: (await listPolls({ status: 'open', limit: 50 })).items }) } catch (e) { setState({ status: 'error', ...loadFailure(e) }) }
  }, [])
  useEffect(() => { void load() }, [load])
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} kind={state.kind} onRetry={() => void load()} />
  if (state.data.length === 0) return <Empty title='没有正在进行的投票' text='投票开启后才能录入纸质票。' />
  return (
    <View id='paper-polls'>
      <Text className='hint'>请选择要录入的投票：</Text>
      {state.data.map((p) => (
        <View className='card' key={p.id}>
          <Text className='poll-item__title'>{p.title}</Text>
          <Text className='muted'>{p.unitName} · 截止 {formatDateTime(p.closesAt)}</Text>
          <ActionButton className='btn' aria-label={`录入这个投票的选票：${p.title}`} onClick={() => onPick(p.id)}>录入这个投票的选票</ActionButton>
        </View>
      ))}
    </View>
  )
}

interface Entered { address: string; receipt: ReceiptT }

function EnterBallot({ poll, unitId, onBack }: { poll: PollT; unitId: string; onBack: () => void }) {
  const [q, setQ] = useState('')
  const [list, setList] = useState<Load<HouseholdT[]>>({ status: 'loading' })
  const [voted, setVoted] = useState<Set<string>>(new Set())
  const [household, setHousehold] = useState<HouseholdT | null>(null)
  const [channel, setChannel] = useState<'paper' | 'door'>('paper')
  const [serial, setSerial] = useState('')
  const [entered, setEntered] = useState<Entered | null>(null)

  const load = useCallback(async (query: string) => {
    setList({ status: 'loading' })
    try {
      const [page, turnout] = await Promise.all([listHouseholds(unitId, query || undefined), getTurnout(poll.id).catch(() => null)])
      setVoted(new Set(turnout?.items.filter((t) => t.voted).map((t) => t.householdId) ?? []))
      setList({ status: 'ready', data: page.items })
    } catch (e) {
      setList({ status: 'error', ...loadFailure(e) })
    }
  }, [unitId, poll.id])
  useEffect(() => { void load('') }, [load])

  const cast = (pollId: string, choices: string[]) => {
    if (!household) return Promise.reject(new ApiError(0, 'form', '请先选择住户'))
    if (channel === 'paper' && !serial.trim()) return Promise.reject(new ApiError(0, 'form', '请填写纸质选票上的编号'))
    return enterPaperBallot(pollId, { householdId: household.id, choices, channel, serialNumber: serial.trim() || undefined })
  }

  if (entered) {
    return (
      <View className='card' id='paper-done' role='status'>
        <Text className='receipt-card__done'>已录入</Text>
        <Text className='muted'>{entered.address} · {ChannelLabel[entered.receipt.channel]} · 选择 {entered.receipt.choices.join('、')}</Text>
        <Text className='field__label' style={{ marginTop: '16px' }}>回执码（可告知住户用于核对）</Text>
        <Text className='receipt-code' id='paper-receipt' selectable>{entered.receipt.code}</Text>
        <ActionButton className='btn' id='paper-next' onClick={() => { setEntered(null); setHousehold(null); setSerial(''); void load(q) }}>录入下一张</ActionButton>
      </View>
    )
  }

  return (
    <View>
      <View className='card'>
        <Text className='poll-item__title' id='paper-poll-title'>{poll.title}</Text>
        {poll.options.map((o) => <Text className='muted' key={o.id}>{o.id}. {o.label}　</Text>)}
        <ActionButton className='btn btn--ghost btn--small' onClick={onBack}>换一个投票</ActionButton>
      </View>
      {household ? (
        <View className='card' id='paper-form'>
          <Text className='card__title'>住户：{household.address}</Text>
          {/* one line, the name apart from the button (they ran together as 户主：冯丽换一户) */}
          <View className='row' id='paper-household-head' style={{ alignItems: 'center' }}>
            <Text className='row__label'>户主：{household.headName ?? '未登记'}</Text>
            <ActionButton className='btn btn--ghost btn--small' id='paper-change-household' onClick={() => setHousehold(null)}>换一户</ActionButton>
          </View>
          <View className='field' style={{ marginTop: '24px' }}>
            <Text className='field__label'>录入方式</Text>
            <Chips id='paper-channel' value={channel} options={[{ value: 'paper', label: '纸质选票' }, { value: 'door', label: '入户代投' }]} onChange={(v) => setChannel(v as 'paper' | 'door')} />
          </View>
          <View className='field'>
            <Text className='field__label'>选票编号{channel === 'paper' ? '（必填）' : '（可选）'}</Text>
            <Input className='field__input' id='paper-serial' aria-label='选票编号' value={serial} maxlength={POLL_LIMITS.serialNumberMax}
              placeholder='纸质选票右上角的编号' onInput={(e) => setSerial(e.detail.value)} />
          </View>
          <VoteForm poll={poll} submitLabel='确认录入' cast={cast} confirmTitle='确认录入这张选票'
            missing={() => (channel === 'paper' && !serial.trim() ? '请填写纸质选票上的编号' : '')}
            confirmLines={[{ label: '住户', value: `${household.address}（户主：${household.headName ?? '未登记'}）` }, { label: '录入方式', value: channel === 'paper' ? `纸质选票${serial.trim() ? ` · 编号 ${serial.trim()}` : ''}` : '入户代投' }]}
            onVoted={(r) => setEntered({ address: household.address, receipt: r })} />
        </View>
      ) : (
        <View className='card' id='paper-households'>
          <Text className='card__title'>选择住户</Text>
          <View className='inline-row'>
            <Input className='field__input' id='paper-search' aria-label='按地址或户主搜索' placeholder='按地址或户主搜索' value={q}
              confirmType='search' onInput={(e) => setQ(e.detail.value)} onConfirm={() => void load(q)} />
            <ActionButton className='btn btn--small' id='paper-search-btn' onClick={() => void load(q)}>搜索</ActionButton>
          </View>
          {list.status === 'loading' && <Loading />}
          {list.status === 'error' && <ErrorState message={list.message} kind={list.kind} onRetry={() => void load(q)} />}
          {list.status === 'ready' && list.data.length === 0 && <Empty title='没有找到住户' text='换个关键词试试。' />}
          {list.status === 'ready' && list.data.map((h) => (
            <View className='household-pick' key={h.id} data-address={h.address}>
              <Text>{h.address}{voted.has(h.id) ? '（已投票）' : ''}</Text>
              <ActionButton className='btn btn--small' aria-label={`选择 ${h.address}`} disabled={voted.has(h.id) && !poll.allowChange}
                onClick={() => setHousehold(h)}>选择</ActionButton>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

export default function PaperBallots() {
  const { params } = useRouter()
  const [s, reload] = useSession()
  const [pollId, setPollId] = useState(params.pollId ?? '')
  const [poll, setPoll] = useState<Load<PollT> | null>(null)

  const unitId = params.unitId ?? (s.status === 'ready'
    ? s.me.roles.find((r) => r.role === 'grid_worker' || r.role === 'community_admin')?.unitId ?? '' : '')

  useEffect(() => {
    if (!pollId) { setPoll(null); return }
    setPoll({ status: 'loading' })
    getPoll(pollId).then((p) => setPoll({ status: 'ready', data: p })).catch((e) => setPoll({ status: 'error', ...loadFailure(e) }))
  }, [pollId])

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (!unitId) return <View className='page'><Empty title='只有网格员和社区管理员可以录入纸质票' /></View>
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>录入纸质票</Text></View>
      {!pollId && <PickPoll onPick={setPollId} />}
      {poll?.status === 'loading' && <Loading />}
      {poll?.status === 'error' && <ErrorState message={poll.message} kind={poll.kind} onRetry={() => { const id = pollId; setPollId(''); setTimeout(() => setPollId(id), 0) }} />}
      {poll?.status === 'ready' && (poll.data.status === 'open'
        ? <EnterBallot poll={poll.data} unitId={unitId} onBack={() => setPollId('')} />
        : <Empty title='这个投票不在进行中' text='只有进行中的投票可以录入。'><ActionButton className='btn' onClick={() => setPollId('')}>换一个投票</ActionButton></Empty>)}
      <Text className='hint'>请当场核对住户和选票编号；每户只计一票，重复录入会被拒绝。</Text>
    </View>
  )
}
