import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { needsNoHousehold } from '@linli/shared'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { getPoll, getTally, type PollT, type ReceiptT, type TallyT } from '../../../../api/polls'
import { loadFailure, type LoadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { formatDateTime } from '../../../../format'
import { routes, withQuery } from '../../../../routes'
import { isLoggedIn } from '../../../../api/tokens'
import { goBind } from '../../../../return-to'
import { sharePath, useShare } from '../../../../share'
import LoginPrompt from '../../../../components/login-prompt'
import ShareButton from '../../../../components/share-button'
import PollHeader from '../../components/poll-header'
import VoteForm from '../../components/vote-form'
import ReceiptCard from '../../components/receipt-card'
import ResultView from '../../components/result-view'
import { subscriptions, useSubscriptionsReady } from '../../../../subscribe'
import { useSession } from '../../../../session'
import '../../polls.css'

type State =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'ready'; poll: PollT; tally: TallyT | null; tallyError?: LoadFailure }

/** No household bound: residents are offered the binding; a rider or other household-free role is not */
function Unbound({ pollId }: { pollId: string }) {
  const [s] = useSession()
  if (s.status === 'ready' && needsNoHousehold(s.me.roles)) {
    return <View className='card' id='vote-unbound'><Text className='muted'>一户一票由住户参与；您的工作身份不代表住户投票。</Text></View>
  }
  return (
    <View className='card' id='vote-unbound'>
      <Text className='muted'>绑定您家后才能参与投票。</Text>
      <ActionButton className='btn' id='vote-bind' onClick={() => goBind({ url: sharePath('poll', pollId), needsHousehold: true })}>绑定我家</ActionButton>
    </View>
  )
}

/** What my household can do in an open poll: vote, see the receipt, change the vote. */
export function MyVote({ poll, onChanged }: { poll: PollT; onChanged: (r: ReceiptT) => void }) {
  const [changing, setChanging] = useState(false)
  // 截止前提醒我 (weapp): offered once the WeChat templates are read, gone once asked
  const [, setAsked] = useState(false)
  useSubscriptionsReady()
  const mine = poll.myHousehold
  const labels = Object.fromEntries(poll.options.map((o) => [o.id, o.label]))
  // after closing only my own receipt matters; nothing to ask of anyone else
  if (poll.status !== 'open' && !mine?.ballot) return null
  if (!mine || !mine.householdId) return <Unbound pollId={poll.id} />
  if (mine.ballot && !changing) {
    return (
      <View className='card'>
        <ReceiptCard pollId={poll.id} receipt={mine.ballot.receipt} code={mine.ballot.code} choices={mine.ballot.choices} channel={mine.ballot.channel} labels={labels} />
        {mine.canChange && (
          <ActionButton className='btn btn--ghost' id='vote-change' onClick={() => setChanging(true)}>修改投票</ActionButton>
        )}
        {poll.status === 'open' && !poll.allowChange && <Text className='hint'>本次投票投出后不能修改。</Text>}
      </View>
    )
  }
  if (!mine.eligible) {
    return (
      <View className='card' id='vote-ineligible'>
        <Text className='muted'>
          {poll.voterRule === 'head' ? '本次投票由户主代表本户投票；' : ''}您家不在本次投票的选民名册中，或您不能代表您家投票。如有疑问请联系网格员。
        </Text>
      </View>
    )
  }
  if (poll.status !== 'open') return null
  return (
    <View className='card'>
      <VoteForm poll={poll} initial={changing ? mine.ballot?.choices : undefined}
        onCancel={changing ? () => setChanging(false) : undefined}
        beforeCast={() => void subscriptions.ask('poll', poll.id)}
        onVoted={(r) => { setChanging(false); onChanged(r) }} />
      {!changing && subscriptions.canAsk('poll', poll.id) && (
        <ActionButton className='btn btn--ghost' id='poll-remind'
          onClick={() => { void subscriptions.ask('poll', poll.id); setAsked(true) }}>截止前在微信里提醒我</ActionButton>
      )}
    </View>
  )
}

export default function PollDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [state, setState] = useState<State>({ status: 'loading' })

  const load = useCallback(async () => {
    if (!id) { setState({ status: 'error', message: '缺少投票参数，请从议事页进入' }); return }
    if (!isLoggedIn()) { setState({ status: 'anonymous' }); return }
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }))
    try {
      const poll = await getPoll(id)
      let tally: TallyT | null = null
      let tallyError: LoadFailure | undefined
      if (poll.status === 'closed' || (poll.status === 'open' && poll.tallyVisibility === 'live')) {
        try { tally = await getTally(id) } catch (e) { tallyError = loadFailure(e) }
      }
      setState({ status: 'ready', poll, tally, tallyError })
    } catch (e) {
      setState({ status: 'error', ...loadFailure(e) })
    }
  }, [id])
  useDidShow(() => { void load() })
  useShare({ kind: 'poll', id, title: state.status === 'ready' ? state.poll.title : undefined })

  if (state.status === 'anonymous') {
    return (
      <View className='page'>
        <LoginPrompt text='这是一个社区投票。登录并绑定您家后，就可以查看并代表您家投票。' returnTo={{ url: sharePath('poll', id), needsHousehold: true }} />
      </View>
    )
  }
  if (state.status === 'loading') return <View className='page'><Loading /></View>
  if (state.status === 'error') return <View className='page'><ErrorState message={state.message} kind={state.kind} onRetry={() => void load()} /></View>
  const { poll, tally } = state

  // a fresh receipt: show it at once, then reload the poll so the page reflects the server
  const voted = (r: ReceiptT) => {
    setState({
      ...state,
      poll: {
        ...poll,
        myHousehold: poll.myHousehold && {
          ...poll.myHousehold, voted: true, canChange: poll.allowChange,
          ballot: { receipt: r.receipt, code: r.code, choices: r.choices, channel: r.channel },
        },
      },
    })
    Taro.showToast({ title: '投票成功', icon: 'success' })
    void load()
  }

  return (
    <View className='page'>
      <PollHeader poll={poll} />
      {poll.status === 'draft' && <Empty title='投票尚未开始' text='这是草稿，不会自动开启；管理员开启后才能投票。' />}
      {poll.status === 'scheduled' && <Empty title='投票尚未开始' text={`已排期，将于 ${formatDateTime(poll.opensAt)} 自动开启。`} />}
      {poll.status === 'cancelled' && <Empty title='投票已取消' text={poll.statusReason ?? ''} />}
      {(poll.status === 'open' || poll.status === 'closed') && <MyVote poll={poll} onChanged={voted} />}
      {state.tallyError && <ErrorState {...state.tallyError} panel onRetry={() => void load()} />}
      {tally && <ResultView tally={tally} />}
      {poll.status === 'closed' && (
        <ActionButton className='btn btn--ghost' id='to-bulletin'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.pollBulletin, { id: poll.id }) })}>
          查看选票公告（核对回执）
        </ActionButton>
      )}
      {poll.status !== 'draft' && <ShareButton card={{ kind: 'poll', id: poll.id, title: poll.title }} />}
    </View>
  )
}
