import { useCallback, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { OPEN_REPORT_STATUSES, type ReportState } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import ExportButton from '../../../../components/export-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { loadFailure, type LoadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getMe, type MeT } from '../../../../api/auth'
import { getReport, listCategories, listUnitReports, type ReportSummaryT, type ReportT } from '../../../../api/reports'
import { formatDateTime } from '../../../../format'
import { routes, withQuery } from '../../../../routes'
import ReportView from '../../components/report-view'
import ReportActions from '../../components/report-actions'
import StatusTag from '../../components/status-tag'
import { abs } from '../../../../components/photos'
import { actorRoles, handlerUnits } from '../../roles'
import '../../reports.css'
import PlaceLine from '../../../../location/place-line'
import { routeParam } from '../../../../route-param'
import { ownWords } from '../../report-text'

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'ready'; me: MeT; unitId: string; unitName: string; items: ReportSummaryT[]; cats: Record<string, string> }

const OPEN = OPEN_REPORT_STATUSES as readonly ReportState[]

/** overdue first, then the most supported, then the oldest: what needs a hand soonest */
export function queueOrder(items: ReportSummaryT[]): ReportSummaryT[] {
  return [...items].sort((a, b) =>
    Number(b.overdue) - Number(a.overdue) || b.escalationLevel - a.escalationLevel
    || b.supportCount - a.supportCount || a.createdAt.localeCompare(b.createdAt))
}

export function QueueItem({ item, catName, me, onChanged }: { item: ReportSummaryT; catName: string; me: MeT; onChanged: (r: ReportT) => void }) {
  const [open, setOpen] = useState(false)
  const [report, setReport] = useState<ReportT | null>(null)
  const [error, setError] = useState<LoadFailure | null>(null)
  const fetchReport = () => {
    setError(null)
    getReport(item.id).then(setReport).catch((e) => setError(loadFailure(e)))
  }
  const toggle = () => {
    if (open) return setOpen(false)
    setOpen(true)
    fetchReport()
  }
  const pid = `queue-${item.id}`
  return (
    <View className={`card reports__item queue-item queue-item--${item.status}`} id={pid}>
      <View className='reports__item-head'>
        <Text className='card__title'>{catName}</Text>
        <View>
          <StatusTag status={item.status} />
          {item.overdue && <Text className='reports__overdue' id={`${pid}-overdue`}>已超时{item.escalationLevel > 0 ? '·督办' : ''}</Text>}
        </View>
      </View>
      {item.thumbUrl && !open && <Image className='photos__img' src={abs(item.thumbUrl)} mode='aspectFill' />}
      <Text className='reports__desc'>{ownWords({ description: item.description, categoryName: catName })}</Text>
      {!open && <PlaceLine report={item} id={`${pid}-place`} navigate />}
      <Text className='muted'>
        {formatDateTime(item.createdAt)}{item.supportCount > 0 ? ` · ${item.supportCount} 人也遇到` : ''}
      </Text>
      <ActionButton className='btn btn--ghost' id={`${pid}-toggle`} aria-pressed={open} onClick={toggle}>{open ? '收起' : '查看并处理'}</ActionButton>
      {open && !report && !error && <Loading />}
      {open && error && <ErrorState {...error} panel onRetry={fetchReport} />}
      {open && report && (
        <View className='reports__panel'>
          <ReportView report={report} idPrefix={pid} />
          <ReportActions report={report} roles={actorRoles(me, report)} idPrefix={pid}
            onChanged={(r) => { setReport(r); onChanged(r) }} />
          <ActionButton className='btn btn--ghost' onClick={() => Taro.navigateTo({ url: withQuery(routes.reportDetail, { id: item.id }) })}>打开详情页</ActionButton>
        </View>
      )}
    </View>
  )
}

/** 上报处理: the reports in the grids I handle */
export default function ReportQueue() {
  const { params } = useRouter()
  const [s, setS] = useState<State>({ status: 'loading' })
  const [filter, setFilter] = useState<'open' | 'all'>('open')
  // handled here just now: stays in view after leaving the open statuses, so the result is seen
  const [touched, setTouched] = useState<string[]>([])
  const load = useCallback(async () => {
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    try {
      const me = await getMe()
      const units = handlerUnits(me)
      const unit = units.find((u) => u.unitId === params.unitId) ?? units[0]
      const unitId = params.unitId || unit?.unitId
      if (!unitId) return setS({ status: 'ready', me, unitId: '', unitName: '', items: [], cats: {} })
      const [list, cats] = await Promise.all([listUnitReports(unitId), listCategories().catch(() => ({ items: [] }))])
      setS({
        status: 'ready', me, unitId, unitName: unit?.unitName ?? routeParam(params.name), items: list.items,
        cats: Object.fromEntries(cats.items.map((c) => [c.code, c.name])),
      })
    } catch (e) {
      setS({ status: 'error', ...loadFailure(e) })
    }
  }, [params.unitId])
  useDidShow(() => { load() })
  usePullDownRefresh(() => { load().finally(() => Taro.stopPullDownRefresh()) })

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  if (!s.unitId) return <View className='page'><Empty title='您没有处理上报的辖区' text='网格员和社区管理员可以在这里处理居民上报。' /></View>

  const shown = queueOrder(filter === 'open' ? s.items.filter((i) => OPEN.includes(i.status) || touched.includes(i.id)) : s.items)
  const overdue = s.items.filter((i) => i.overdue && OPEN.includes(i.status)).length
  return (
    <View className='page reports'>
      <View role='heading' aria-level={1} className='h1'><Text>上报处理</Text></View>
      <Text className='hint'>{s.unitName}{overdue > 0 ? ` · ${overdue} 条已超时，请优先处理` : ''}</Text>
      <View className='choice-row' role='radiogroup'>
        <ActionButton id='queue-filter-open' aria-pressed={filter === 'open'} className={`btn btn--small ${filter === 'open' ? '' : 'btn--ghost'}`}
          onClick={() => setFilter('open')}>待处理</ActionButton>
        <ActionButton id='queue-filter-all' aria-pressed={filter === 'all'} className={`btn btn--small ${filter === 'all' ? '' : 'btn--ghost'}`}
          onClick={() => setFilter('all')}>全部</ActionButton>
        <ActionButton id='queue-refresh' className='btn btn--small btn--ghost' onClick={load}>刷新</ActionButton>
        <ExportButton unitId={s.unitId} dataset='reports' />
      </View>
      {shown.length === 0 ? (
        <Empty title={filter === 'open' ? '没有待处理的上报' : '还没有上报'} text='居民的随手拍上报会出现在这里。' />
      ) : (
        shown.map((item) => (
          <QueueItem key={item.id} item={item} catName={s.cats[item.category] ?? item.category} me={s.me}
            onChanged={(r) => {
              setTouched((t) => [...t, r.id])
              setS((prev) => prev.status === 'ready'
                ? { ...prev, items: prev.items.map((x) => (x.id === r.id ? { ...x, status: r.status, overdue: r.overdue, dueAt: r.dueAt } : x)) }
                : prev)
            }} />
        ))
      )}
    </View>
  )
}
