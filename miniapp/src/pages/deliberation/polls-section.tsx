import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../components/action-button'
import { Loading, ErrorState, Empty } from '../../components/state-view'
import { listPolls, type PollSummaryT, type TallyT } from '../../api/polls'
import { loadFailure } from '../../api/client'
import type { FailureKind } from '../../api/client'
import { formatDateTime } from '../../format'
import { routes, withQuery } from '../../routes'

export interface OpenItem { poll: PollSummaryT; voted: boolean | null; eligible: boolean | null }
export interface ClosedItem { poll: PollSummaryT; tally: TallyT | null }
type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'ready'; open: OpenItem[]; closed: ClosedItem[] }

const go = (id: string) => Taro.navigateTo({ url: withQuery(routes.pollDetail, { id }) })

/** Two requests: each list carries my household's vote state and a closed poll's result. */
async function loadPolls(): Promise<{ open: OpenItem[]; closed: ClosedItem[] }> {
  const [open, closed] = await Promise.all([listPolls({ status: 'open', limit: 20 }), listPolls({ status: 'closed', limit: 10 })])
  const openItems = open.items.map((poll) => ({ poll, voted: poll.myHousehold?.voted ?? null, eligible: poll.myHousehold?.eligible ?? null }))
  // not yet voted first, then by closing time
  openItems.sort((a, b) => Number(a.voted === true) - Number(b.voted === true) || a.poll.closesAt.localeCompare(b.poll.closesAt))
  return { open: openItems, closed: closed.items.map((poll) => ({ poll, tally: poll.tally })) }
}

// started by the tab as it is shown, alongside /me (the section mounts only once /me answers):
// the lists then come in the same round trip as /me instead of one after it
let preloaded: ReturnType<typeof loadPolls> | null = null
export function preloadPolls(): void {
  preloaded = loadPolls()
  preloaded.catch(() => undefined) // the section shows the error when it takes the result
}

export function OpenPollCard({ item }: { item: OpenItem }) {
  const { poll, voted, eligible } = item
  return (
    <View className='card poll-card' data-poll-id={poll.id}>
      {voted === true && <Text className='poll-card__badge poll-card__badge--done'>已投票</Text>}
      {voted === false && eligible !== false && <Text className='poll-card__badge poll-card__badge--todo'>未投票</Text>}
      {voted === false && eligible === false && <Text className='poll-card__badge poll-card__badge--plain'>您家不在本次名册</Text>}
      <Text className='muted'>{poll.unitName}</Text>
      <Text className='poll-card__title'>{poll.title}</Text>
      <Text className='muted'>截止：{formatDateTime(poll.closesAt)}</Text>
      <ActionButton className='btn' aria-label={`${voted === false && eligible !== false ? '去投票' : '查看'}：${poll.title}`} onClick={() => go(poll.id)}>
        {voted === false && eligible !== false ? '去投票' : '查看'}
      </ActionButton>
    </View>
  )
}

export function ClosedPollCard({ item }: { item: ClosedItem }) {
  const { poll, tally } = item
  const d = tally?.decision
  const t = tally?.turnout
  return (
    <View className='card poll-card' data-poll-id={poll.id}>
      {d && <Text className={`poll-card__badge ${d.passed ? 'poll-card__badge--passed' : 'poll-card__badge--failed'}`}>{d.passed ? '已通过' : '未通过'}</Text>}
      <Text className='muted'>{poll.unitName}</Text>
      <Text className='poll-card__title'>{poll.title}</Text>
      {t && <Text className='muted'>已投票 {t.votedHouseholds} / {t.eligibleHouseholds} 户 · 结束于 {formatDateTime(poll.closedAt ?? poll.closesAt)}</Text>}
      {tally?.options && tally.options.length > 0 && (
        <View>
          {tally.options.map((o) => <Text className='muted' key={o.id}>{o.id}. {o.label}：{o.count} 票　</Text>)}
        </View>
      )}
      <ActionButton className='btn btn--ghost' aria-label={`查看结果：${poll.title}`} onClick={() => go(poll.id)}>查看结果</ActionButton>
    </View>
  )
}

/** 投票: open polls (mine to vote first) and closed ones with their results. */
export default function PollsSection({ showBind, refresh }: { showBind: boolean; refresh: number }) {
  const [state, setState] = useState<ListState>({ status: 'loading' })
  const load = useCallback(async () => {
    setState((x) => (x.status === 'ready' ? x : { status: 'loading' }))
    try {
      const polls = preloaded ?? loadPolls()
      preloaded = null
      setState({ status: 'ready', ...(await polls) })
    } catch (e) {
      setState({ status: 'error', ...loadFailure(e) })
    }
  }, [])
  // on mount and each time the tab is shown again
  useEffect(() => { void load() }, [load, refresh])

  return (
    <View>
      <View role='heading' aria-level={1} className='h1'><Text>一户一票</Text></View>
      {showBind && (
        <View className='card'>
          <Text className='muted'>还没有绑定您家，绑定后才能投票。</Text>
          <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.bind })}>绑定我家</ActionButton>
        </View>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} kind={state.kind} onRetry={() => void load()} />}
      {state.status === 'ready' && (
        <>
          <View className='polls__section' role='heading' aria-level={2}><Text>正在投票</Text></View>
          {state.open.length === 0
            ? <Empty title='目前没有进行中的投票' text='有新的投票时会在这里显示。' />
            : <View id='polls-open'>{state.open.map((it) => <OpenPollCard key={it.poll.id} item={it} />)}</View>}
          <View className='polls__section' role='heading' aria-level={2}><Text>已结束</Text></View>
          {state.closed.length === 0
            ? <Empty title='还没有已结束的投票' />
            : <View id='polls-closed'>{state.closed.map((it) => <ClosedPollCard key={it.poll.id} item={it} />)}</View>}
        </>
      )}
      {/* with the lists, not below the spinner: it would jump down when they arrive (a layout shift) */}
      {state.status !== 'loading' && <Text className='hint' id='deliberation-later'>投票结束后，结果自动在“公示”栏公示 7 天。议题征集、联名和议事会议请看上方“议题”“会议”。</Text>}
    </View>
  )
}
