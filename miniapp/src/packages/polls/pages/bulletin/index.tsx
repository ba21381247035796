import { useCallback, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { checkReceipt, getBulletin, type BulletinT, type ReceiptCheckT } from '../../../../api/polls'
import { errorMessage } from '../../../../api/client'
import ResultView from '../../components/result-view'
import { ChannelLabel } from '../../poll-text'
import '../../polls.css'

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; bulletin: BulletinT }

const SHOW_STEP = 50

/** Check one receipt against the server: found, superseded, and (after closing) its choices. */
function ReceiptChecker({ pollId, labels }: { pollId: string; labels: Record<string, string> }) {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [result, setResult] = useState<ReceiptCheckT | null>(null)
  const check = async () => {
    const c = code.trim().toLowerCase()
    setResult(null)
    if (!/^[0-9a-f]{64}$/.test(c)) { setError('回执码是 64 位的数字和字母（0-9、a-f），请完整粘贴'); return }
    setBusy(true)
    setError('')
    try {
      setResult(await checkReceipt(pollId, c))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='receipt-check'>
      <Text className='card__title'>核对我的回执</Text>
      <Input className='field__input' id='receipt-input' aria-label='回执码' placeholder='粘贴您家的回执码' value={code}
        maxlength={80} onInput={(e) => setCode(e.detail.value)} onConfirm={() => void check()} />
      <FormError message={error} id='receipt-error' />
      <ActionButton className='btn' id='receipt-submit' disabled={busy} loading={busy || undefined} onClick={() => void check()}>核对</ActionButton>
      {result && (
        <View className='receipt-card' id='receipt-result' role='status' style={{ marginTop: '24px' }}>
          <Text className='receipt-card__done'>{result.superseded ? '找到了：这张选票已被修改后的选票取代' : '找到了：这张选票已计入'}</Text>
          {result.choices && <Text className='muted'>选择：{result.choices.map((c) => `${c}. ${labels[c] ?? ''}`).join('；')}</Text>}
          {result.channel && <Text className='muted'>{' · '}{ChannelLabel[result.channel]}</Text>}
        </View>
      )}
    </View>
  )
}

export default function PollBulletin() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [state, setState] = useState<State>({ status: 'loading' })
  const load = useCallback(async () => {
    if (!id) { setState({ status: 'error', message: '缺少投票参数' }); return }
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', bulletin: await getBulletin(id) })
    } catch (e) {
      setState({ status: 'error', message: errorMessage(e) })
    }
  }, [id])
  useDidShow(() => { void load() })

  if (state.status === 'loading') return <View className='page'><Loading /></View>
  if (state.status === 'error') return <View className='page'><ErrorState message={state.message} onRetry={() => void load()} /></View>
  return <BulletinView bulletin={state.bulletin} />
}

/** every counted receipt with its choices (superseded ones marked), the certified tally and the receipt check */
export function BulletinView({ bulletin: b }: { bulletin: BulletinT }) {
  const [shown, setShown] = useState(SHOW_STEP)
  const labels = Object.fromEntries(b.options.map((o) => [o.id, o.label]))
  const superseded = b.entries.filter((e) => e.superseded).length
  return (
    <View className='page'>
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>{b.title}</Text></View>
        <Text className='muted' id='bulletin-counted'>计入选票 {b.counted} 张{superseded ? `，另有 ${superseded} 张已被修改取代` : ''}。</Text>
        <Text className='field__help'>公告列出每张选票的回执码和选择，不含住户信息，任何人都可以据此重新计票。回执码计算方式：{b.receiptFormula}</Text>
      </View>
      <ReceiptChecker pollId={b.pollId} labels={labels} />
      {b.certifiedTally && <ResultView tally={b.certifiedTally} />}
      <View className='card' id='bulletin-entries'>
        <Text className='card__title'>全部选票</Text>
        {b.entries.length === 0 && <Empty title='没有选票' text='本次投票没有住户投票。' />}
        {b.entries.slice(0, shown).map((e) => (
          <View className={`bulletin-entry ${e.superseded ? 'bulletin-entry--superseded' : ''}`} key={e.receipt} data-receipt={e.receipt}>
            <Text className='bulletin-entry__receipt'>{e.receipt}</Text>
            <Text className='muted'>
              {e.choices.join('、')} · {ChannelLabel[e.channel]}{e.superseded ? ' · 已被取代，不计入' : ''}
            </Text>
          </View>
        ))}
        {b.entries.length > shown && (
          <ActionButton className='btn btn--ghost' id='bulletin-more' onClick={() => setShown(shown + SHOW_STEP * 4)}>
            再显示更多（共 {b.entries.length} 张）
          </ActionButton>
        )}
      </View>
    </View>
  )
}
