// The trend charts' ECharts options, built from the stats series (pure: no canvas, testable).
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption } from 'echarts/components'
import type { StatsPoint } from '@linli/shared'
import { bucketLabel, formatCount, formatRate } from '../stats-format'

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption>

/** phone: 16 px labels on white; the service-centre screen: larger labels on dark */
export interface ChartLook { fontSize: number; dark?: boolean }

const COLORS = ['#0a6b48', '#1f6feb', '#d46b08', '#8250df', '#cf222e']

export const RATE_LINES = [
  { key: 'responseRate', name: '响应率' },
  { key: 'onTimeResolutionRate', name: '按时办结率' },
  { key: 'resolutionRate', name: '解决率' },
  { key: 'satisfactionRate', name: '满意率' },
] as const satisfies readonly { key: keyof StatsPoint; name: string }[]

function base(series: StatsPoint[], granularity: 'week' | 'month', look: ChartLook, legendRows = 1) {
  const text = look.dark ? '#e6edf3' : '#1f2328'
  const line = look.dark ? '#5a6472' : '#c9ced4'
  return {
    // a dashboard is read, not watched: no animation (and less work on an old phone)
    animation: false,
    color: COLORS,
    textStyle: { fontSize: look.fontSize, color: text },
    legend: { top: 0, left: 'center', itemGap: look.fontSize, textStyle: { fontSize: look.fontSize, color: text } },
    // room for the legend: on a phone the four rates' names take two rows
    grid: { left: 8, right: 16, top: look.fontSize * (1.2 + 1.7 * legendRows), bottom: 8, containLabel: true },
    xAxis: {
      type: 'category' as const,
      data: series.map((p) => bucketLabel(p.from, granularity)),
      axisLabel: { fontSize: look.fontSize, color: text, hideOverlap: true },
      axisLine: { lineStyle: { color: line } },
    },
    splitLine: { lineStyle: { color: line } },
  }
}

/** 上报件数 (bars) and 逾期 (line) per bucket */
export function reportsOption(series: StatsPoint[], granularity: 'week' | 'month', look: ChartLook): ChartOption {
  const b = base(series, granularity, look)
  return {
    animation: b.animation, color: b.color, textStyle: b.textStyle, legend: b.legend, grid: b.grid, xAxis: b.xAxis,
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: look.fontSize, color: b.textStyle.color }, splitLine: b.splitLine },
    series: [
      { type: 'bar', name: '上报件数', data: series.map((p) => p.reportsFiled), barMaxWidth: look.fontSize * 2 },
      { type: 'line', name: '逾期', data: series.map((p) => p.overdue), symbolSize: look.fontSize / 2, lineStyle: { width: 3 }, color: COLORS[4] },
    ],
  }
}

/** the four rates (percent) per bucket; a bucket without a denominator is a gap, not 0 */
export function ratesOption(series: StatsPoint[], granularity: 'week' | 'month', look: ChartLook): ChartOption {
  const b = base(series, granularity, look, look.dark ? 1 : 2)
  return {
    animation: b.animation, color: b.color, textStyle: b.textStyle, legend: b.legend, grid: b.grid, xAxis: b.xAxis,
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: look.fontSize, color: b.textStyle.color, formatter: '{value}%' }, splitLine: b.splitLine },
    series: RATE_LINES.map((r) => ({
      type: 'line' as const,
      name: r.name,
      data: series.map((p) => (p[r.key] === null ? null : Math.round((p[r.key] as number) * 1000) / 10)),
      symbolSize: look.fontSize / 2,
      lineStyle: { width: 3 },
    })),
  }
}

/** what a chart shows, in words (screen readers, and the text under a chart that cannot draw) */
export function reportsSummary(series: StatsPoint[], granularity: 'week' | 'month'): string {
  if (series.length === 0) return '本期没有数据'
  return series.map((p) => `${bucketLabel(p.from, granularity)}：上报${formatCount(p.reportsFiled)}件，逾期${formatCount(p.overdue)}件`).join('；')
}

export function ratesSummary(series: StatsPoint[], granularity: 'week' | 'month'): string {
  if (series.length === 0) return '本期没有数据'
  return series.map((p) => `${bucketLabel(p.from, granularity)}：${RATE_LINES.map((r) => `${r.name}${formatRate(p[r.key] as number | null)}`).join('，')}`).join('；')
}
