import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { parseReceiptRef, receiptCode } from '@linli/shared'
import { checkReceipt, getBulletin, type BulletinT, type ReceiptCheckT } from '../../../../api/polls'
import { ApiError, errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import ResultView from '../../components/result-view'
import { ChannelLabel } from '../../poll-text'
import TechNote, { NoteLine } from '../../components/tech-note'
import '../../polls.css'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'not_ready' } | { status: 'ready'; bulletin: BulletinT }
type BulletinEntryT = BulletinT['entries'][number]

const SHOW_STEP = 50

type Found = { entry: BulletinEntryT; position: number } | { check: ReceiptCheckT }

/**
 * 核对我的回执: the short code (as read or typed; I/L for 1, O for 0) or the full receipt. With the
 * bulletin loaded it is found in the list itself (and its place shown); before closing the server
 * says whether it was received.
 */
function ReceiptChecker({ pollId, labels, entries, initial }: {
  pollId: string; labels: Record<string, string>; entries: BulletinEntryT[] | null; initial?: string
}) {
  const [code, setCode] = useState(initial ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [found, setFound] = useState<Found | null>(null)
  const check = async (given = code) => {
    setFound(null)
    const ref = parseReceiptRef(given)
    if (!ref) { setError('回执码是 16 个字母和数字（如 7KQ2-M9XD-3FHA-WP4N），请对照您家的回执码输入'); return }
    const key = ref.kind === 'code' ? ref.code : receiptCode(ref.receipt)
    if (entries) {
      const position = entries.findIndex((e) => e.code === key)
      if (position < 0) { setError(`公告里没有 ${key}。请核对每个字符；确实没有，请联系社区。`); return }
      setError('')
      setFound({ entry: entries[position], position })
      return
    }
    setBusy(true)
    setError('')
    try {
      setFound({ check: await checkReceipt(pollId, key) })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  useEffect(() => { if (initial) void check(initial) }, [initial]) // eslint-disable-line react-hooks/exhaustive-deps
  const hit = found && ('entry' in found ? { ...found.entry, channel: found.entry.channel } : found.check)
  return (
    <View className='card' id='receipt-check'>
      <Text className='card__title'>核对我的回执</Text>
      <Input className='field__input' id='receipt-input' aria-label='回执码' placeholder='如 7KQ2-M9XD-3FHA-WP4N' value={code}
        maxlength={80} onInput={(e) => setCode(e.detail.value)} onConfirm={() => void check()} />
      <FormError message={error} id='receipt-error' />
      <ActionButton className='btn' id='receipt-submit' disabled={busy} loading={busy || undefined} onClick={() => void check()}>查找</ActionButton>
      {hit && (
        <View className='receipt-card' id='receipt-result' role='status' style={{ marginTop: '24px' }}>
          <Text className='receipt-card__done'>{hit.superseded ? '找到了：这张选票已被您家修改后的选票取代' : '找到了：这张选票已计入'}</Text>
          <Text className='receipt-code'>{hit.code}</Text>
          {'entry' in found! && <Text className='muted'>在全部选票中排第 {found.position + 1} 张（按回执码排序）。</Text>}
          {hit.choices && <Text className='muted'>选择：{hit.choices.map((c) => `${c}. ${labels[c] ?? ''}`).join('；')}</Text>}
          {hit.channel && <Text className='muted'>方式：{ChannelLabel[hit.channel]}</Text>}
          {hit.choices && <Text className='hint'>和您家投的一样，就说明您家的票被如实计入；不一样，请联系社区。</Text>}
          {!hit.choices && <Text className='hint'>投票结束后，这里还会显示这张选票的选择。</Text>}
        </View>
      )}
    </View>
  )
}

export default function PollBulletin() {
  const { params } = useRouter()
  const id = params.id ?? ''
  // the receipt's QR code opens this page with the code: it is looked up at once
  const code = params.code ? decodeURIComponent(params.code) : undefined
  const [state, setState] = useState<State>({ status: 'loading' })
  const load = useCallback(async () => {
    if (!id) { setState({ status: 'error', message: '缺少投票参数' }); return }
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', bulletin: await getBulletin(id) })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'polls.bulletin_not_ready') setState({ status: 'not_ready' })
      else setState({ status: 'error', ...loadFailure(e) })
    }
  }, [id])
  useDidShow(() => { void load() })

  if (state.status === 'loading') return <View className='page'><Loading /></View>
  if (state.status === 'error') return <View className='page'><ErrorState message={state.message} kind={state.kind} onRetry={() => void load()} /></View>
  if (state.status === 'not_ready') {
    return (
      <View className='page'>
        <Empty title='投票还没有结束' text='投票结束后，这里会公布全部选票。现在可以先查一查您家的选票是否已经收到。' />
        <ReceiptChecker pollId={id} labels={{}} entries={null} initial={code} />
      </View>
    )
  }
  return <BulletinView bulletin={state.bulletin} initialCode={code} />
}

/** every receipt code with its choices (superseded ones marked), how to check, the certified tally */
export function BulletinView({ bulletin: b, initialCode }: { bulletin: BulletinT; initialCode?: string }) {
  const [shown, setShown] = useState(SHOW_STEP)
  const labels = Object.fromEntries(b.options.map((o) => [o.id, o.label]))
  const superseded = b.entries.filter((e) => e.superseded).length
  return (
    <View className='page'>
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>{b.title}</Text></View>
        <Text className='muted' id='bulletin-counted'>计入选票 {b.counted} 张{superseded ? `，另有 ${superseded} 张已被修改取代` : ''}。</Text>
        <Text className='field__help' id='bulletin-how'>
          怎样核对：每户投票后都拿到一个回执码（16 个字母和数字，如 7KQ2-M9XD-3FHA-WP4N）。在下面输入您家的回执码，或在“全部选票”里找到它，看后面的选择和您家投的是否一样。一样，就说明您家的票被如实计入。公告只有回执码和选择，没有住户的姓名和地址；任何人都可以用全部选票重新数一遍结果。
        </Text>
        <TechNote id='bulletin-tech'>
          <NoteLine>完整回执 = {b.receiptFormula}；随机数（nonce）随每张选票公布，任何人都可以重新计算。</NoteLine>
          <NoteLine>回执码：{b.codeFormula}。</NoteLine>
          <NoteLine>
            回执码含 {b.codeBits} 位。两张选票碰巧同码的机会约为 n²/2^{b.codeBits + 1}（一万户约为 4×10⁻¹⁷），而且同一投票内的回执码由数据库保证互不相同；
            想伪造一张选择不同、回执码却相同的选票，需要平均试算约 2^{b.codeBits}/n 次哈希（一万户时约 10²⁰ 次，一块高端显卡要算一百多年）。完整回执仍在下面每张选票中，可逐位核对。
          </NoteLine>
          {b.entries.slice(0, shown).map((e) => (
            <NoteLine mono key={e.receipt}>{e.code}  {e.receipt}  nonce {e.nonce}</NoteLine>
          ))}
        </TechNote>
      </View>
      <ReceiptChecker pollId={b.pollId} labels={labels} entries={b.entries} initial={initialCode} />
      {b.certifiedTally && <ResultView tally={b.certifiedTally} />}
      <View className='card' id='bulletin-entries'>
        <Text className='card__title'>全部选票（按回执码排序）</Text>
        {b.entries.length === 0 && <Empty title='没有选票' text='本次投票没有住户投票。' />}
        {b.entries.slice(0, shown).map((e) => (
          <View className={`bulletin-entry ${e.superseded ? 'bulletin-entry--superseded' : ''}`} key={e.receipt} data-receipt={e.receipt} data-code={e.code}>
            <Text className='bulletin-entry__code'>{e.code}</Text>
            <Text className='muted'>
              {e.choices.map((c) => `${c}. ${labels[c] ?? ''}`).join('；')} · {ChannelLabel[e.channel]}{e.superseded ? ' · 已被取代，不计入' : ''}
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
