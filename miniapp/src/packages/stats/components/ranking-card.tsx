import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import Chips from '../../../components/chips'
import { Loading, ErrorState, Empty } from '../../../components/state-view'
import { loadFailure } from '../../../api/client'
import type { FailureKind } from '../../../api/client'
import { getUnitChildren } from '../../../api/org'
import { getUnitStats } from '../../../api/stats'
import { withQuery } from '../../../routes'
import type { Period } from '../period'
import { metricOf, rankUnits, RANK_METRICS, RANKED_KINDS, type RankMetric, type RankRow } from '../ranking'
import { statsRoutes } from '../navigation'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; rows: RankRow[] }

/** each child unit's stats for the period, three requests at a time */
async function loadRows(unitId: string, p: Period): Promise<RankRow[]> {
  const children = (await getUnitChildren(unitId)).items.filter((u) => RANKED_KINDS.includes(u.kind))
  const rows: RankRow[] = []
  for (let i = 0; i < children.length; i += 3) {
    const batch = children.slice(i, i + 3)
    const stats = await Promise.all(batch.map((u) => getUnitStats(u.id, { from: p.from, to: p.to, granularity: 'month' })))
    batch.forEach((u, j) => rows.push({ unitId: u.id, name: u.name, stats: stats[j] }))
  }
  return rows
}

/** 网格排名 / 社区排名: tap a unit for its own dashboard */
export default function RankingCard({ unitId, unitKind, period, limit, dark, stamp }: { unitId: string; unitKind: string; period: Period; limit?: number; dark?: boolean; stamp?: number }) {
  const [s, setS] = useState<State>({ status: 'loading' })
  const [metric, setMetric] = useState<RankMetric>('onTime')
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    setS((x) => (x.status === 'ready' ? x : { status: 'loading' }))
    loadRows(unitId, period)
      .then((rows) => live && setS({ status: 'ready', rows }))
      .catch((e) => live && setS({ status: 'error', ...loadFailure(e) }))
    return () => { live = false }
  }, [unitId, period.from, period.to, attempt, stamp])
  const title = ['street', 'town', 'district'].includes(unitKind) ? '社区排名' : '网格排名'
  const ranked = s.status === 'ready' ? rankUnits(s.rows, metric).slice(0, limit) : []
  return (
    <View className={dark ? 'screen-panel' : 'card'} id='stats-ranking'>
      <View role='heading' aria-level={2} className={dark ? 'screen-panel__title' : 'card__title'}><Text>{title}</Text></View>
      {!dark && <Chips<RankMetric> id='stats-rank-metric' value={metric} onChange={setMetric} options={RANK_METRICS} />}
      {s.status === 'loading' && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={() => setAttempt((n) => n + 1)} />}
      {s.status === 'ready' && s.rows.length === 0 && <Empty title='没有下级单位' text='本单位下还没有网格或社区。' />}
      {ranked.map((r, i) => {
        const m = metricOf(r.stats, metric)
        const row = (
          <>
            <Text className='stats-rank__no'>{i + 1}</Text>
            <Text className='stats-rank__name'>{r.name}</Text>
            <Text className='stats-rank__value' id={`rank-${r.unitId}-value`}>{m.text}</Text>
          </>
        )
        return dark ? <View key={r.unitId} className='stats-rank' id={`rank-${r.unitId}`}>{row}</View> : (
          <ActionButton key={r.unitId} className='stats-rank stats-rank--tap' id={`rank-${r.unitId}`} aria-label={`第${i + 1}名 ${r.name} ${m.text}，查看看板`}
            onClick={() => Taro.navigateTo({ url: withQuery(statsRoutes.dashboard, { unitId: r.unitId, name: r.name }) })}>{row}</ActionButton>
        )
      })}
    </View>
  )
}
