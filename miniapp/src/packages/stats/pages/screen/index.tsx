import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { goBackOrHome } from '../../../../nav'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getUnitStats, type UnitStatsT } from '../../../../api/stats'
import { useSession, isStaff } from '../../../../session'
import { rememberReturn, hereUrl } from '../../../../return-to'
import { routes } from '../../../../routes'
import TrendCard from '../../components/trend-card'
import RankingCard from '../../components/ranking-card'
import OverdueCard from '../../components/overdue-card'
import ScreenClock from '../../components/screen-clock'
import { SCREEN_REFRESH_MINUTES } from '../../components/screen-link'
import { formatCount, formatRate } from '../../stats-format'
import { param, statsRoutes } from '../../navigation'
import { PRESET_LABEL, periodText, presetPeriod, recentMonths } from '../../period'
import '../../stats.css'

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  /** failed: the last refresh's error, shown over the figures it could not replace */
  | { status: 'ready'; stats: UnitStatsT; trend: UnitStatsT; at: Date; failed: string }

/** the trend charts cover this many months, whatever the figures' period */
const TREND_MONTHS = 12

/** the screen's few big figures */
export function bigFigures(s: UnitStatsT): { key: string; label: string; value: string; alert?: boolean }[] {
  const r = s.reports
  return [
    { key: 'filed', label: '上报件数', value: formatCount(r?.filed.count) },
    { key: 'response', label: '响应率', value: formatRate(r?.responseRate.rate) },
    { key: 'on-time', label: '按时办结率', value: formatRate(r?.onTimeResolutionRate.rate) },
    { key: 'resolution', label: '解决率', value: formatRate(r?.resolutionRate.rate) },
    { key: 'satisfaction', label: '满意率', value: formatRate(s.satisfaction.rate) },
    { key: 'overdue', label: '逾期', value: formatCount(r?.overdue.count), alert: (r?.overdue.count ?? 0) > 0 },
    { key: 'turnout', label: '投票参与率', value: formatRate(s.turnout.overall.rate) },
  ]
}

/** minutes between refreshes from the address (?refresh=10), 1 to 60 */
export function refreshMinutes(raw: string | undefined): number {
  const n = Number(raw)
  return Number.isInteger(n) && n >= 1 && n <= 60 ? n : SCREEN_REFRESH_MINUTES
}

const hhmm = (d: Date) => { const t = new Date(d.getTime() + 8 * 3600 * 1000); return `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}` }

/** 数据大屏: the unit's figures for the service centre's screen, refreshing by itself every `minutes`. */
export function Screen({ unitId, minutes, preset = 'month', clock = () => new Date() }: { unitId: string; minutes: number; preset?: 'month' | 'quarter' | 'year'; clock?: () => Date }) {
  const [s, setS] = useState<State>({ status: 'loading' })
  const [stamp, setStamp] = useState(0)
  const period = presetPeriod(preset, clock())
  const load = useCallback(async () => {
    const p = presetPeriod(preset, clock())
    const t = recentMonths(TREND_MONTHS, clock())
    try {
      const [stats, trend] = await Promise.all([
        getUnitStats(unitId, { from: p.from, to: p.to, granularity: p.granularity }),
        getUnitStats(unitId, { from: t.from, to: t.to, granularity: 'month' }),
      ])
      setS({ status: 'ready', stats, trend, at: clock(), failed: '' })
    } catch (e) {
      // a screen nobody touches keeps the last figures and says the update failed
      setS((x) => (x.status === 'ready' ? { ...x, failed: errorMessage(e) } : { status: 'error', ...loadFailure(e) }))
    }
  }, [unitId, preset])
  useEffect(() => { void load() }, [load, stamp])
  useEffect(() => {
    const t = setInterval(() => setStamp((n) => n + 1), minutes * 60_000)
    return () => clearInterval(t)
  }, [minutes])
  const width = typeof window !== 'undefined' ? window.innerWidth : 1920
  const height = typeof window !== 'undefined' ? window.innerHeight : 1080
  const look = { fontSize: Math.max(16, Math.round(width / 80)), dark: true }
  const stats = s.status === 'ready' ? s.stats : null
  return (
    <View className='screen' id='screen-page'>
      <View className='screen__head'>
        <View role='heading' aria-level={1} className='screen__title'><Text>{stats ? `${stats.unit.name} · ` : ''}数据大屏</Text></View>
        <ScreenClock now={clock} />
      </View>
      <Text className='screen__sub' id='screen-sub'>
        {PRESET_LABEL[preset]}（{periodText(period)}）{s.status === 'ready' ? ` · 数据更新于 ${hhmm(s.at)}` : ''} · 每 {minutes} 分钟自动更新
      </Text>
      {s.status === 'ready' && s.failed && <View className='screen__warn' id='screen-failed' role='alert'>更新失败：{s.failed}，{minutes} 分钟后重试</View>}
      {s.status === 'loading' && <Loading text='正在统计…' />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={() => setStamp((n) => n + 1)} />}
      {stats && (
        <>
          <View className='screen__figures' id='screen-figures'>
            {bigFigures(stats).map((f) => (
              <View className='screen__figure' key={f.key} id={`screen-${f.key}`}>
                <Text className={`screen__value${f.alert ? ' screen__value--alert' : ''}`} id={`screen-${f.key}-value`}>{f.value}</Text>
                <Text className='screen__label'>{f.label}</Text>
              </View>
            ))}
          </View>
          {s.status === 'ready' && (
            <View className='screen__charts'>
              <TrendCard series={s.trend.series} granularity='month' look={look} height={Math.round(height * 0.3)} dark span={`近${TREND_MONTHS}个月`} />
            </View>
          )}
          <View className='screen__bottom'>
            <RankingCard unitId={unitId} unitKind={stats.unit.kind} period={period} limit={6} dark stamp={stamp} />
            <OverdueCard unitId={unitId} name={stats.unit.name} limit={5} dark stamp={stamp} now={clock().getTime()} />
          </View>
        </>
      )}
    </View>
  )
}

function fullScreen() {
  void document.documentElement.requestFullscreen?.().catch(() => {})
}

export default function ScreenPage() {
  const params = useRouter().params
  const unitId = param(params.unitId)
  const [session] = useSession()
  const here = hereUrl(statsRoutes.screen, params)
  if (session.status === 'loading') return <View className='screen'><Loading /></View>
  if (session.status === 'anonymous' || (session.status === 'ready' && !isStaff(session.me))) {
    return (
      <View className='page'>
        <Empty title='数据大屏需要工作人员登录' text='请用社区工作人员账号登录，登录后自动回到大屏。以后这台电脑的浏览器会保持登录。'>
          <ActionButton className='btn' id='screen-login' onClick={() => { rememberReturn({ url: here }); void Taro.navigateTo({ url: routes.password }) }}>工作人员登录</ActionButton>
        </Empty>
      </View>
    )
  }
  if (!unitId) return <View className='page'><ErrorState message='地址里缺少单位（unitId），请从数据看板的“在服务中心大屏上显示”复制地址' /></View>
  const preset = (['month', 'quarter', 'year'] as const).find((p) => p === params.period) ?? 'month'
  return (
    <>
      <Screen unitId={unitId} minutes={refreshMinutes(params.refresh)} preset={preset} />
      {/* the wall display has no title bar (navigationStyle custom): its own way back, in a bar of
          its own so that, scrolled on a phone, the buttons never sit over a figure or a chart */}
      <View className='screen__bar'>
        <ActionButton className='screen__fullscreen screen__back' id='screen-back' onClick={goBackOrHome}>返回</ActionButton>
        {process.env.TARO_ENV === 'h5' && <ActionButton className='screen__fullscreen' id='screen-fullscreen' onClick={fullScreen}>全屏显示（F11）</ActionButton>}
      </View>
    </>
  )
}
