import { useCallback, useEffect, useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import LoginPrompt from '../../../../components/login-prompt'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getUnitStats, type UnitStatsT } from '../../../../api/stats'
import { useSession } from '../../../../session'
import { hereUrl } from '../../../../return-to'
import { formatDateTime } from '../../../../format'
import KpiGrid from '../../components/kpi-grid'
import PeriodBar from '../../components/period-bar'
import TrendCard from '../../components/trend-card'
import RankingCard from '../../components/ranking-card'
import OverdueCard from '../../components/overdue-card'
import ScreenLink from '../../components/screen-link'
import { figureGroups, isEmptyPeriod } from '../../figures'
import { param, statsRoutes } from '../../navigation'
import { periodText, presetPeriod, type Period } from '../../period'
import '../../stats.css'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; stats: UnitStatsT }

const PHONE_LOOK = { fontSize: 16 }

/** 数据看板 of one unit: the period's figures (each opens its list), trends, ranking, 挂牌督办. */
export function Dashboard({ unitId, name, stamp = 0, now }: { unitId: string; name: string; stamp?: number; now?: Date }) {
  const [period, setPeriod] = useState<Period>(() => presetPeriod('month', now))
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(async () => {
    setS({ status: 'loading' })
    try {
      setS({ status: 'ready', stats: await getUnitStats(unitId, { from: period.from, to: period.to, granularity: period.granularity }) })
    } catch (e) {
      setS({ status: 'error', ...loadFailure(e) })
    }
  }, [unitId, period, stamp])
  useEffect(() => { void load() }, [load])
  const groups = useMemo(() => (s.status === 'ready' ? figureGroups(s.stats) : []), [s])
  const stats = s.status === 'ready' ? s.stats : null
  const full = stats?.visibility === 'full'

  return (
    <View className='page stats' id='stats-page'>
      <View role='heading' aria-level={1} className='h1'><Text>数据看板 · {stats?.unit.name ?? name}</Text></View>
      <PeriodBar period={period} onChange={setPeriod} now={now} />
      <Text className='hint' id='stats-period-text'>
        {periodText(period)}{stats ? `，数据截至 ${formatDateTime(stats.period.asOf)}` : ''}。点数字可查看明细。
      </Text>
      {s.status === 'loading' && <Loading text='正在统计…' />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={() => void load()} />}
      {stats && isEmptyPeriod(stats) && (
        <Empty title='本期暂无数据' text='这段时间没有上报、投票、跟踪事项或积分记录。可以换一个时间段看看。' />
      )}
      {stats && !isEmptyPeriod(stats) && (
        <>
          <KpiGrid groups={groups} />
          {stats.series.length > 0 && <TrendCard series={stats.series} granularity={stats.period.granularity} look={PHONE_LOOK} height={260} />}
        </>
      )}
      {stats && full && (
        <>
          <RankingCard unitId={unitId} unitKind={stats.unit.kind} period={period} />
          <OverdueCard unitId={unitId} name={stats.unit.name} limit={5} stamp={stamp} now={(now ?? new Date()).getTime()} />
          <ScreenLink unitId={unitId} />
        </>
      )}
    </View>
  )
}

export default function DashboardPage() {
  const params = useRouter().params
  const unitId = param(params.unitId)
  const name = param(params.name)
  const [session] = useSession()
  const [stamp, setStamp] = useState(0)
  usePullDownRefresh(() => { setStamp((n) => n + 1); Taro.stopPullDownRefresh() })
  if (session.status === 'loading') return <View className='page'><Loading /></View>
  if (session.status === 'anonymous') {
    return <View className='page'><LoginPrompt text='数据看板需要登录后查看。' returnTo={{ url: hereUrl(statsRoutes.dashboard, params) }} /></View>
  }
  if (!unitId) return <View className='page'><ErrorState message='缺少单位参数，请从工作台进入数据看板' /></View>
  return <Dashboard unitId={unitId} name={name} stamp={stamp} />
}
