// The dashboard's figures, each with the lists behind it (the server's `list` queries), built
// from GET /units/:id/stats. Pure, so the number formatting and the links are tested alone.
import type { StatsAverage, StatsCount, StatsRate } from '@linli/shared'
import type { UnitStatsT } from '../../api/stats'
import { formatCount, formatHours, formatRate } from './stats-format'

/** a list a figure opens: what it holds, in words, and its query */
export interface Behind { label: string; list: string }
export interface Figure {
  key: string
  label: string
  value: string
  /** under the value: the counts a rate is made of, or what an average is over */
  sub?: string
  /** red when it calls for attention (overdue, escalated) and is not zero */
  alert?: boolean
  behind: Behind[]
}
export interface FigureGroup { key: string; title: string; figures: Figure[] }

const lists = (...xs: { label: string; c: StatsCount | undefined }[]): Behind[] =>
  xs.filter((x) => x.c?.list).map((x) => ({ label: `${x.label || '明细'} ${formatCount(x.c!.count)}`, list: x.c!.list! }))

function count(key: string, label: string, c: StatsCount, unit = '件', alert = false): Figure {
  return { key, label, value: formatCount(c.count), sub: unit, alert: alert && c.count > 0, behind: lists({ label, c }) }
}

/** a rate with its numerator and denominator named (按时响应 12 / 应响应 14 件) */
function rate(key: string, label: string, r: StatsRate, num: string, den: string): Figure {
  return {
    key, label, value: formatRate(r.rate),
    sub: `${num}${num ? ' ' : ''}${formatCount(r.numerator.count)} / ${den}${den ? ' ' : ''}${formatCount(r.denominator.count)}`,
    behind: lists({ label: num, c: r.numerator }, { label: den, c: r.denominator }),
  }
}

function average(key: string, label: string, a: StatsAverage, over: string): Figure {
  return { key, label, value: formatHours(a.hours), sub: `${over} ${formatCount(a.of.count)} 件`, behind: lists({ label: over, c: a.of }) }
}

export function figureGroups(s: UnitStatsT): FigureGroup[] {
  const groups: FigureGroup[] = []
  const r = s.reports
  if (r) {
    groups.push({
      key: 'reports', title: '上报办理', figures: [
        count('filed', '上报件数', r.filed),
        rate('response', '响应率', r.responseRate, '按时响应', '应响应'),
        rate('on-time', '按时办结率', r.onTimeResolutionRate, '按时办结', '应办结'),
        rate('resolution', '解决率', r.resolutionRate, '已解决', '已受理'),
        rate('satisfaction', '满意率', r.satisfactionRate, '满意', '已评价'),
        average('accept-time', '平均响应用时', r.avgAcceptTime, '已响应'),
        average('resolve-time', '平均办结用时', r.avgResolveTime, '已办结'),
        count('overdue', '逾期', r.overdue, '件', true),
        count('escalated', '升级督办', r.escalated, '件', true),
      ],
    })
  } else {
    groups.push({ key: 'reports', title: '上报办理', figures: [rate('satisfaction', '满意率', s.satisfaction, '满意', '已评价')] })
  }
  const people: Figure[] = [
    { key: 'turnout', label: '投票参与率', value: formatRate(s.turnout.overall.rate),
      sub: `投票 ${formatCount(s.turnout.overall.numerator.count)} / 应投 ${formatCount(s.turnout.overall.denominator.count)} 户`,
      behind: s.turnout.polls.map((p) => ({ label: `${p.title}（${formatRate(p.rate)}）`, list: p.list })) },
  ]
  if (s.participation) {
    people.push({ key: 'participation', label: '参与户数', value: formatCount(s.participation.households),
      sub: `占 ${formatCount(s.participation.ofHouseholds)} 户的 ${formatRate(s.participation.rate)}`, behind: [] })
  }
  groups.push({ key: 'people', title: '居民参与', figures: people })
  const follow: Figure[] = []
  if (s.trackedItems) {
    follow.push(count('tracked-done', '跟踪事项完成', s.trackedItems.done, '项'),
      count('tracked-overdue', '跟踪事项逾期', s.trackedItems.overdue, '项', true),
      count('tracked-over-budget', '超出预算', s.trackedItems.overBudget, '项', true))
  }
  follow.push({ key: 'annual', label: '一年一事完成', value: `${formatCount(s.annualProjects.done.count)} / ${formatCount(s.annualProjects.total.count)}`,
    sub: '项', behind: lists({ label: '已完成', c: s.annualProjects.done }, { label: '进行中的年度项目', c: s.annualProjects.total }) })
  groups.push({ key: 'follow', title: '跟踪落实', figures: follow })
  if (s.points) {
    groups.push({ key: 'points', title: '积分', figures: [
      { key: 'points-issued', label: '发放积分', value: formatCount(s.points.issued.total), sub: `${formatCount(s.points.issued.entries.count)} 笔`, behind: lists({ label: '发放记录', c: s.points.issued.entries }) },
      { key: 'points-redeemed', label: '兑换积分', value: formatCount(s.points.redeemed.total), sub: `${formatCount(s.points.redeemed.entries.count)} 笔`, behind: lists({ label: '兑换记录', c: s.points.redeemed.entries }) },
    ] })
  }
  for (const d of s.dispatches ?? []) {
    groups.push({ key: `dept-${d.departmentUnitId}`, title: `部门派单 · ${d.departmentName}`, figures: [
      count(`dept-${d.departmentUnitId}-sent`, '派单', d.dispatched),
      rate(`dept-${d.departmentUnitId}-ack`, '及时签收率', d.acknowledgedInTime, '及时签收', '派单'),
      rate(`dept-${d.departmentUnitId}-answer`, '按时答复率', d.answeredInTime, '按时答复', '应答复'),
    ] })
  }
  for (const sec of s.sections) {
    groups.push({ key: `section-${sec.key}`, title: sec.title, figures: sec.figures.map((f) => {
      const k = `${sec.key}-${f.key}`
      // an add-on section names only its figures: its rates show the bare counts
      if (f.rate) return rate(k, f.label, f.rate, '', '')
      if (f.average) return average(k, f.label, f.average, '共')
      return count(k, f.label, f.count ?? { count: 0, list: null }, '')
    }) })
  }
  return groups
}

/** nothing happened in the period: no report, no poll, no tracked item, no point */
export function isEmptyPeriod(s: UnitStatsT): boolean {
  return (s.reports?.filed.count ?? 0) === 0
    && s.satisfaction.denominator.count === 0
    && s.turnout.polls.length === 0
    && (s.trackedItems ? s.trackedItems.done.count + s.trackedItems.overdue.count === 0 : true)
    && s.annualProjects.total.count === 0
    && (s.points ? s.points.issued.total + s.points.redeemed.total === 0 : true)
}
