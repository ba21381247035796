import { useMemo } from 'react'
import { View, Text } from '@tarojs/components'
import type { StatsPoint } from '@linli/shared'
import Chart from '../charts/chart'
import { ratesOption, ratesSummary, reportsOption, reportsSummary, type ChartLook } from '../charts/trend-options'

/** 趋势: reports filed and overdue per week or month, and the four rates */
export default function TrendCard({ series, granularity, look, height, dark, span = '' }: {
  series: StatsPoint[]; granularity: 'week' | 'month'; look: ChartLook; height: number; dark?: boolean
  /** the span the series covers, when it is not the period chosen above (the 大屏: 近12个月) */
  span?: string
}) {
  const reports = useMemo(() => reportsOption(series, granularity, look), [series, granularity, look.fontSize, look.dark])
  const rates = useMemo(() => ratesOption(series, granularity, look), [series, granularity, look.fontSize, look.dark])
  const panel = dark ? 'screen-panel' : 'card'
  const title = dark ? 'screen-panel__title' : 'card__title'
  const by = granularity === 'week' ? '按周' : '按月'
  return (
    <>
      <View className={panel} id='stats-trend-reports'>
        <View role='heading' aria-level={2} className={title}><Text>{span}上报与逾期（{by}）</Text></View>
        <Chart id='chart-reports' option={reports} height={height} summary={reportsSummary(series, granularity)} />
      </View>
      <View className={panel} id='stats-trend-rates'>
        <View role='heading' aria-level={2} className={title}><Text>{span}四率走势（{by}）</Text></View>
        <Chart id='chart-rates' option={rates} height={height} summary={ratesSummary(series, granularity)} />
      </View>
    </>
  )
}
