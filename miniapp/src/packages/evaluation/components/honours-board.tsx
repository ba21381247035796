import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Honour, HonourNominee } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../components/state-view'
import { errorMessage, loadFailure } from '../../../api/client'
import type { FailureKind } from '../../../api/client'
import { announceHonours, decideHonour, getHonours, startHonourPoll, type HonoursT } from '../../../api/evaluation'
import { routes, withQuery } from '../../../routes'

/** how long a selection poll runs unless the admin changes it in 投票管理 */
const POLL_DAYS = 7
const who = (n: HonourNominee) => (n.userId ? `${n.name}（${n.unitName}）` : n.name)
const open = (url: string) => Taro.navigateTo({ url }).catch(() => undefined)

async function confirm(title: string, content: string): Promise<boolean> {
  const r = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消' })
  return r.confirm
}

/**
 * 五个最美: the nominations of each category from the settled period; the street (an admin above the
 * community) 选定 one; the community admin may instead 发起投票 (a draft poll) and take its result,
 * and 公布 on the board once every nominated category is decided.
 */
export default function HonoursBoard({ unitId, period, manage, decide }: { unitId: string; period?: string; manage: boolean; decide: boolean }) {
  const [load, setLoad] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; data: HonoursT }>({ status: 'loading' })
  const [n, setN] = useState(0)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    getHonours(unitId, period).then((data) => setLoad({ status: 'ready', data })).catch((e) => setLoad({ status: 'error', ...loadFailure(e) }))
  }, [unitId, period, n])
  if (load.status === 'loading') return <Loading />
  if (load.status === 'error') return <ErrorState message={load.message} kind={load.kind} onRetry={() => setN(n + 1)} />
  const { data } = load
  const key = data.period.key

  async function act(tag: string, call: () => Promise<unknown>) {
    setBusy(tag)
    setError(null)
    try {
      const r = await call()
      if (r && typeof r === 'object' && 'honours' in r) setLoad({ status: 'ready', data: r as HonoursT })
      else if (r) setLoad({ status: 'ready', data: { ...data, honours: data.honours.map((h) => (h.category === (r as Honour).category ? (r as Honour) : h)) } })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }
  async function choose(h: Honour, i: number) {
    if (!(await confirm('确定评选结果', `${h.label}选定 ${who(h.nominees[i])}？确定后不能更改。`))) return
    await act(`${h.category}-${i}`, () => decideHonour(unitId, h.category, { period: key, nominee: i }))
  }
  async function fromPoll(h: Honour) {
    if (!(await confirm('按投票结果确定', `${h.label}按居民投票的得票最多者确定？`))) return
    await act(`${h.category}-poll`, () => decideHonour(unitId, h.category, { period: key, fromPoll: true }))
  }
  async function announce() {
    if (!(await confirm('公布评选结果', `在公示栏公布${data.period.label}“五个最美”评选结果？`))) return
    await act('announce', () => announceHonours(unitId, key))
  }
  const nominated = data.honours.filter((h) => h.nominees.length > 0)
  const allDecided = nominated.length > 0 && nominated.every((h) => h.winner)
  const postId = data.honours.find((h) => h.boardPostId)?.boardPostId
  const unannounced = data.honours.some((h) => h.winner && !h.boardPostId)

  return (
    <View>
      <View role='heading' aria-level={1} className='h1'><Text>{data.period.label}“五个最美”</Text></View>
      {data.honours.length === 0 && <Empty title='还没有提名' text='本期结算后，按双向评价结果产生提名。' />}
      {data.honours.map((h) => (
        <View className='card' key={h.category} id={`honour-${h.category}`}>
          <Text className='card__title'>{h.label}</Text>
          {h.nominees.length === 0 && <Text className='hint'>没有提名（没有满 k 户评价的候选）</Text>}
          {h.nominees.map((nom, i) => (
            <View className='ev__row' key={`${nom.unitId}-${nom.userId ?? ''}`}>
              <Text>{who(nom)}</Text>
              <Text className='ev__score'>{nom.score} 分（{nom.answers} 户）</Text>
              {decide && !h.winner && (
                <ActionButton className='btn btn--small' id={`honour-${h.category}-choose-${i}`} loading={busy === `${h.category}-${i}`}
                  disabled={busy !== null} aria-label={`选定 ${nom.name}`} onClick={() => choose(h, i)}>选定</ActionButton>
              )}
            </View>
          ))}
          {h.winner && <Text className='ev__done' id={`honour-${h.category}-winner`}>已确定：{who(h.winner)}（{h.method === 'poll' ? '居民投票评选' : '街道评定'}）</Text>}
          {manage && !h.winner && h.nominees.length > 0 && !h.pollId && (
            <ActionButton className='btn btn--ghost' id={`honour-${h.category}-poll`} loading={busy === `${h.category}-start`} disabled={busy !== null}
              onClick={() => act(`${h.category}-start`, () => startHonourPoll(unitId, h.category, { period: key, closesAt: new Date(Date.now() + POLL_DAYS * 86_400_000).toISOString() }))}>
              发起投票
            </ActionButton>
          )}
          {h.pollId && (
            <View>
              {!h.winner && <Text className='hint'>已生成评选投票草稿，请到投票管理中开启；投票结束后按结果确定。</Text>}
              <ActionButton className='btn btn--ghost' id={`honour-${h.category}-poll-link`} onClick={() => open(withQuery(routes.pollDetail, { id: h.pollId! }))}>查看评选投票</ActionButton>
              {manage && !h.winner && (
                <ActionButton className='btn' id={`honour-${h.category}-from-poll`} loading={busy === `${h.category}-poll`} disabled={busy !== null} onClick={() => fromPoll(h)}>按投票结果确定</ActionButton>
              )}
            </View>
          )}
        </View>
      ))}
      {error && <View role='alert'><Text className='hint' id='honours-error'>{error}</Text></View>}
      {manage && nominated.length > 0 && (unannounced || !allDecided) && (
        <View className='card'>
          {!allDecided && <Text className='hint' id='honours-announce-hint'>每一项都确定后才能公布。</Text>}
          <ActionButton className='btn' id='honours-announce' loading={busy === 'announce'} disabled={!allDecided || busy !== null} onClick={announce}>在公示栏公布</ActionButton>
        </View>
      )}
      {postId && (
        <ActionButton className='btn btn--ghost' id='honours-board-post' onClick={() => open(withQuery(routes.boardPost, { id: postId }))}>查看公示</ActionButton>
      )}
    </View>
  )
}
