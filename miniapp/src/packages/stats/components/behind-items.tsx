import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ReportStatusLabel, TrackedItemStatusLabel } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import type { BehindPage } from '../../../api/stats'
import { formatDateTime, formatNumber } from '../../../format'
import { routes, withQuery } from '../../../routes'

const open = (url: string) => () => { void Taro.navigateTo({ url }) }
const yuan = (fen: number) => `${formatNumber(fen / 100, 2)} 元`

/** One row of a list behind a figure, by the list's kind; each opens its item. */
export function BehindItem({ page, index, cats }: { page: BehindPage; index: number; cats: Record<string, string> }) {
  switch (page.kind) {
    case 'reports':
    case 'overdue': {
      const r = page.items[index]
      const cat = 'categoryName' in r ? r.categoryName : cats[r.category] ?? r.category
      return (
        <View className='card stats-item' id={`behind-${r.id}`}>
          <View className='stats-item__head'>
            <Text className='card__title'>{cat}</Text>
            <Text className='tag'>{ReportStatusLabel[r.status] ?? r.status}</Text>
          </View>
          {r.description !== cat && <Text className='stats-item__text'>{r.description}</Text>}
          <Text className='muted'>{formatDateTime(r.createdAt)}{r.address ? ` · ${r.address}` : ''}{r.overdue ? ' · 已超时' : ''}</Text>
          <ActionButton className='btn btn--small btn--ghost' id={`behind-${r.id}-open`} onClick={open(withQuery(routes.reportDetail, { id: r.id }))}>查看上报</ActionButton>
        </View>
      )
    }
    case 'dispatches': {
      const d = page.items[index]
      return (
        <View className='card stats-item' id={`behind-${d.id}`}>
          <View className='stats-item__head'>
            <Text className='card__title'>{d.departmentName}</Text>
            {d.overdue && <Text className='tag stats-item__late'>逾期未回复</Text>}
          </View>
          <Text className='stats-item__text'>{d.report.description}</Text>
          <Text className='muted'>派单 {formatDateTime(d.createdAt)} · 期限 {formatDateTime(d.deadline)}</Text>
          <Text className='muted'>{d.acknowledgedAt ? `签收 ${formatDateTime(d.acknowledgedAt)}` : '未签收'}{d.repliedAt ? ` · 回复 ${formatDateTime(d.repliedAt)}` : ''}</Text>
          <ActionButton className='btn btn--small btn--ghost' id={`behind-${d.id}-open`} onClick={open(withQuery(routes.reportDetail, { id: d.reportId }))}>查看上报</ActionButton>
        </View>
      )
    }
    case 'tracked-items': {
      const t = page.items[index]
      return (
        <View className='card stats-item' id={`behind-${t.id}`}>
          <View className='stats-item__head'>
            <Text className='card__title'>{t.title}</Text>
            <Text className='tag'>{TrackedItemStatusLabel[t.status] ?? t.status}</Text>
          </View>
          <Text className='muted'>{t.unitName} · 责任人 {t.responsible} · 进度 {t.progress}%</Text>
          <Text className='muted'>预算 {yuan(t.budgetFen)} · 已支出 {yuan(t.spentFen)}{t.plannedEnd ? ` · 计划 ${t.plannedEnd} 完成` : ''}</Text>
          <ActionButton className='btn btn--small btn--ghost' id={`behind-${t.id}-open`} onClick={open(withQuery(routes.trackedItem, { id: t.id }))}>查看事项</ActionButton>
        </View>
      )
    }
  }
}
