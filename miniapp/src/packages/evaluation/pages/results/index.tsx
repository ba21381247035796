import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ResultNumbers } from '@linli/shared'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import ActionButton from '../../../../components/action-button'
import { ApiError, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { useSession } from '../../../../session'
import { routes, withQuery } from '../../../../routes'
import SettleCard from '../../components/settle-card'
import SettingsForm from '../../components/settings-form'
import CommunityPicker from '../../components/community-picker'
import { getEvaluationLeaderboard, getEvaluationResults, type EvaluationLeaderboardT, type EvaluationResultsT } from '../../../../api/evaluation'
import '../../evaluation.css'

type Load = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind; code?: string } | { status: 'ready'; results: EvaluationResultsT; board: EvaluationLeaderboardT }
/** the period before 2026H2 / 2026Q1 / 2026Y (settling is for a period that has ended) */
function previousPeriod(key: string): string {
  const y = Number(key.slice(0, 4))
  const part = key.slice(4)
  if (part === 'Y') return `${y - 1}Y`
  const [kind, n] = [part[0], Number(part.slice(1))]
  return n > 1 ? `${y}${kind}${n - 1}` : `${y - 1}${kind}${kind === 'H' ? 2 : 4}`
}
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`

function Numbers({ r, k, answered }: { r: ResultNumbers | null; k: number; answered: number }) {
  if (!r) return <Text className='ev__withheld'>{answered < k ? `不足 ${k} 户，暂不显示` : `暂不显示（每满 ${k} 户更新）`}</Text>
  return <Text className='ev__score'>{r.score} 分 · 满意率 {pct(r.satisfactionRate)}（{r.answers} 户）</Text>
}

/** For the community admin, the street and supervisors: each courtyard's and cadre's result, shown from k households up. */
export default function ResultsPage() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [n, setN] = useState(0)
  const [session] = useSession()
  // the community's own admin settles and edits the settings (the server checks again)
  const admin = session.status === 'ready' && session.me.roles.some((r) => r.role === 'community_admin' && r.unitId === unitId)
  useEffect(() => {
    if (!unitId) return
    setLoad({ status: 'loading' })
    Promise.all([getEvaluationResults(unitId, params.period), getEvaluationLeaderboard(unitId, params.period)])
      .then(([results, board]) => setLoad({ status: 'ready', results, board }))
      .catch((e) => setLoad({ status: 'error', ...loadFailure(e), code: e instanceof ApiError ? e.code : undefined }))
  }, [unitId, params.period, n])
  if (!unitId) return <View className='page'><Empty title='请从工作台进入' text='评价结果按社区查看。' /></View>
  if (load.status === 'loading') return <View className='page'><Loading /></View>
  // a street's (or district's) admin: evaluation is per community, pick one
  if (load.status === 'error' && load.code === 'evaluation.not_a_community') return <View className='page'><CommunityPicker unitId={unitId} /></View>
  if (load.status === 'error') return <View className='page'><ErrorState message={load.message} kind={load.kind} onRetry={() => setN(n + 1)} /></View>
  const { results, board } = load
  const k = results.period.k
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{results.period.label}双向评价</Text></View>
      <Text className='hint'>{results.final ? '本期已结束，以下为最终结果。' : `评价进行中：结果每满 ${k} 户更新一次，并滞后 ${k} 户显示，以免推知某一户的评价。`}</Text>
      <ActionButton className='btn btn--ghost' id='evaluation-previous'
        onClick={() => Taro.navigateTo({ url: withQuery(routes.evaluationResults, { unitId, period: previousPeriod(results.period.key) }) })}>查看上一期</ActionButton>
      <ActionButton className='btn btn--ghost' id='evaluation-honours-link'
        onClick={() => Taro.navigateTo({ url: withQuery(routes.evaluationHonours, { unitId, period: results.period.key }) })}>“五个最美”评选</ActionButton>
      {admin && <SettleCard unitId={unitId} period={results.period} />}
      <View className='card' id='evaluation-leaderboard'>
        <Text className='card__title'>院坝榜</Text>
        {board.items.length === 0 ? <Text className='ev__withheld'>还没有院坝满 {k} 户评价</Text> : board.items.map((i) => (
          <View className='ev__row' key={i.unitId}><Text>第 {i.rank} 名 {i.name}</Text><Text className='ev__score'>{i.score} 分</Text></View>
        ))}
      </View>
      {results.scopes.length === 0 && <Empty title='没有院坝' text='本单元下还没有院坝或网格。' />}
      {results.scopes.map((s) => (
        <View className='card' key={s.unitId} id={`scope-${s.unitId}`}>
          <Text className='card__title'>{s.name}</Text>
          <Text className='hint'>已评价 {s.answeredHouseholds} / {s.eligibleHouseholds} 户{s.asOfHouseholds ? `；以下为前 ${s.asOfHouseholds} 户的结果` : ''}</Text>
          {s.kind === 'courtyard' && <View className='ev__row'><Text>院坝总体</Text><Numbers r={s.overall} k={k} answered={s.answeredHouseholds} /></View>}
          {/* a post nobody holds (and nobody rated) is left out */}
          {s.subjects.filter((sub) => sub.holders.length > 0 || sub.result).map((sub) => (
            <View className='ev__row' key={sub.subject}>
              <Text>{sub.label}{sub.holders.length ? ` ${sub.holders.map((h) => h.name).join('、')}` : ''}</Text>
              <Numbers r={sub.result} k={k} answered={s.answeredHouseholds} />
            </View>
          ))}
          {s.comments && s.comments.length > 0 && (
            <View><Text className='field__label'>居民留言（不显示住户）</Text>{s.comments.map((c, i) => <Text className='ev__comment' key={i}>“{c}”</Text>)}</View>
          )}
        </View>
      ))}
      {admin && <SettingsForm unitId={unitId} editable />}
    </View>
  )
}
