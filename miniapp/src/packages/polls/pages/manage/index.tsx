import { useCallback, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { POLL_LIMITS, POLL_TRANSITIONS, PollActionLabel, type PollAction } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import ExportButton from '../../../../components/export-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import {
  cancelPoll, closePoll, getPoll, getTurnout, listPolls, openPoll, schedulePoll, unschedulePoll, type PollSummaryT, type PollT, type TurnoutT,
} from '../../../../api/polls'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { formatDateTime } from '../../../../format'
import { routes, withQuery } from '../../../../routes'
import PollHeader from '../../components/poll-header'
import { statusLabel } from '../../poll-text'
import '../../polls.css'

const ACTION: Record<PollAction, { label: string; confirm: string; danger?: boolean; help: (p: PollT) => string }> = {
  schedule: { label: PollActionLabel.schedule, confirm: '确认排期', help: (p) => `到开始时间 ${formatDateTime(p.opensAt)} 由系统自动开启，届时冻结选民名册。排期后要修改内容，先撤回排期。` },
  unschedule: { label: PollActionLabel.unschedule, confirm: '确认撤回', help: () => '撤回后回到草稿：不会自动开启，可以修改。' },
  open: { label: PollActionLabel.open, confirm: '确认开启', help: () => '现在开启并冻结选民名册，从此刻起可以投票；开启后题目和规则不能再改。' },
  close: { label: '提前结束投票', confirm: '确认结束', danger: true, help: () => '结束后立即认证结果并公布选票公告。可填写提前结束的公开理由。' },
  cancel: { label: '取消投票', confirm: '确认取消', danger: true, help: () => '取消后不计票。必须填写公开理由。' },
}

/** What the state means for the admin: a draft waits for them, a scheduled poll for its start time. */
function stateHint(p: PollT): string {
  if (p.status === 'draft') {
    return Date.parse(p.opensAt) > Date.now()
      ? '草稿不会自动开启。可以“排期开启”（到开始时间自动开启）或“立即开启”。'
      : '草稿不会自动开启。开始时间已过，可以“立即开启”。'
  }
  if (p.status === 'scheduled') return `已排期：将于 ${formatDateTime(p.opensAt)} 自动开启。`
  return ''
}

async function perform(a: PollAction, id: string, reason?: string): Promise<PollT> {
  switch (a) {
    case 'schedule': return schedulePoll(id)
    case 'unschedule': return unschedulePoll(id)
    case 'open': return openPoll(id)
    case 'close': return closePoll(id, reason)
    case 'cancel': return cancelPoll(id, reason!)
  }
}

/** The moves the shared transition table allows from the poll's state; onDone gets the poll as the server answered. */
export function ManageActions({ poll, onDone }: { poll: PollT; onDone: (p: PollT) => void }) {
  const [pending, setPending] = useState<PollAction | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  // only what the poll's state allows, from the shared transition table; 排期开启 only while the start time is ahead
  const actions = (Object.keys(POLL_TRANSITIONS[poll.status]) as PollAction[])
    .filter((a) => a !== 'schedule' || Date.parse(poll.opensAt) > Date.now())
  if (actions.length === 0) return null
  const closeEarly = poll.status === 'open' && Date.parse(poll.closesAt) > Date.now()

  const run = async (a: PollAction) => {
    if (a === 'cancel' && !reason.trim()) { setError('请填写取消理由，它会公开显示'); return }
    setBusy(true)
    setError('')
    try {
      const p = await perform(a, poll.id, reason.trim() || undefined)
      setPending(null)
      setReason('')
      onDone(p)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card' id='manage-actions'>
      <Text className='card__title'>操作</Text>
      {stateHint(poll) && <Text className='muted' id='manage-state-hint'>{stateHint(poll)}</Text>}
      {pending === null ? actions.map((a) => (
        <ActionButton key={a} id={`manage-${a}`} className={`btn ${ACTION[a].danger ? 'btn--danger' : ''}`} onClick={() => { setPending(a); setError('') }}>
          {a === 'close' && !closeEarly ? '结束投票' : ACTION[a].label}
        </ActionButton>
      )) : (
        <View>
          <Text className='muted'>{ACTION[pending].help(poll)}</Text>
          {(pending === 'close' || pending === 'cancel') && (
            <View className='field' style={{ marginTop: '16px' }}>
              <Text className='field__label'>{pending === 'cancel' ? '取消理由（必填）' : '理由（可选）'}</Text>
              <Input className='field__input' id='manage-reason' aria-label='理由' value={reason} maxlength={POLL_LIMITS.reasonMax}
                onInput={(e) => setReason(e.detail.value)} />
            </View>
          )}
          <FormError message={error} id='manage-error' />
          <ActionButton className={`btn ${ACTION[pending].danger ? 'btn--danger' : ''}`} id={`manage-confirm-${pending}`}
            disabled={busy} loading={busy || undefined} onClick={() => void run(pending)}>{ACTION[pending].confirm}</ActionButton>
          <ActionButton className='btn btn--ghost' id='manage-back' disabled={busy} onClick={() => setPending(null)}>返回</ActionButton>
        </View>
      )}
    </View>
  )
}

function TurnoutCard({ turnout }: { turnout: TurnoutT }) {
  const [all, setAll] = useState(false)
  const items = all ? turnout.items : turnout.items.slice(0, 30)
  return (
    <View className='card' id='manage-turnout'>
      <Text className='card__title'>参与情况</Text>
      <Text className='muted' id='manage-turnout-count'>已投票 {turnout.votedHouseholds} / {turnout.eligibleHouseholds} 户（只显示是否投票，不显示选择）</Text>
      {items.map((h) => (
        <View className='turnout-item' key={h.householdId}>
          <Text>{h.address}</Text>
          <Text className={h.voted ? '' : 'muted'}>{h.voted ? '已投票' : '未投票'}</Text>
        </View>
      ))}
      {!all && turnout.items.length > items.length && (
        <ActionButton className='btn btn--ghost' onClick={() => setAll(true)}>显示全部 {turnout.items.length} 户</ActionButton>
      )}
    </View>
  )
}

function ManageOne({ id, notice }: { id: string; notice?: string }) {
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; poll: PollT; turnout: TurnoutT | null }>({ status: 'loading' })
  const load = useCallback(async () => {
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }))
    try {
      const poll = await getPoll(id)
      const turnout = poll.status === 'draft' || poll.status === 'scheduled' ? null : await getTurnout(id).catch(() => null)
      setState({ status: 'ready', poll, turnout })
    } catch (e) {
      setState({ status: 'error', ...loadFailure(e) })
    }
  }, [id])
  useDidShow(() => { void load() })
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} kind={state.kind} onRetry={() => void load()} />
  const { poll, turnout } = state
  return (
    <View>
      {notice && <FormError message={notice} id='manage-notice' />}
      <PollHeader poll={poll} />
      <ManageActions poll={poll} onDone={(p) => {
        // the server's answer at once (never a guess), then everything reloaded from the server
        setState({ status: 'ready', poll: p, turnout: null })
        Taro.showToast({ title: `现在：${statusLabel(p.status)}`, icon: 'none' })
        void load()
      }} />
      {turnout && <TurnoutCard turnout={turnout} />}
      {turnout && <ExportButton unitId={poll.unitId} dataset='poll-results' filters={{ pollId: poll.id }} label='导出结果（计票、公告、参与情况）' />}
      {poll.status !== 'draft' && poll.status !== 'scheduled' && (
        <ActionButton className='btn btn--ghost' id='manage-to-detail'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.pollDetail, { id: poll.id }) })}>
          {poll.status === 'closed' ? '查看结果' : '查看投票页'}
        </ActionButton>
      )}
      {poll.status === 'closed' && (
        <ActionButton className='btn btn--ghost' id='manage-to-bulletin'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.pollBulletin, { id: poll.id }) })}>选票公告</ActionButton>
      )}
    </View>
  )
}

function ManageList({ unitId }: { unitId?: string }) {
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: PollSummaryT[] }>({ status: 'loading' })
  const load = useCallback(async () => {
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', items: (await listPolls({ unitId, limit: 50 })).items })
    } catch (e) {
      setState({ status: 'error', ...loadFailure(e) })
    }
  }, [unitId])
  useDidShow(() => { void load() })
  return (
    <View>
      <ActionButton className='btn' id='manage-new' onClick={() => Taro.navigateTo({ url: routes.pollNew })}>发起投票</ActionButton>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} kind={state.kind} onRetry={() => void load()} />}
      {state.status === 'ready' && state.items.length === 0 && <Empty title='还没有投票' text='点上方“发起投票”创建第一个。' />}
      {state.status === 'ready' && state.items.map((p) => (
        <View className='card' key={p.id} data-poll-id={p.id}>
          <Text className={`poll-head__status poll-head__status--${p.status}`}>{statusLabel(p.status)}</Text>
          <Text className='poll-item__title'>{p.title}</Text>
          <Text className='muted'>{p.unitName} · 截止 {formatDateTime(p.closesAt)}</Text>
          <ActionButton className='btn btn--ghost' aria-label={`管理：${p.title}`}
            onClick={() => Taro.navigateTo({ url: withQuery(routes.pollManage, { id: p.id }) })}>管理</ActionButton>
        </View>
      ))}
    </View>
  )
}

/** query values arrive encoded on some platforms and decoded on others */
function decoded(v: string): string {
  try { return decodeURIComponent(v) } catch { return v }
}

export default function ManagePolls() {
  const { params } = useRouter()
  return (
    <View className='page'>
      {!params.id && <View role='heading' aria-level={1} className='h1'><Text>投票管理</Text></View>}
      {params.id ? <ManageOne id={params.id} notice={params.notice ? decoded(params.notice) : undefined} /> : <ManageList unitId={params.unitId} />}
    </View>
  )
}
