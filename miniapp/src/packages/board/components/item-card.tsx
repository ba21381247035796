import { View, Text } from '@tarojs/components'
import { TrackedItemSourceLabel, TrackedItemStatusLabel } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { fenToYuan, type TrackedItemSummaryT } from '../../../api/publicity'

/** Budget against spent, as a bar: over budget turns red and says by how much. */
export function Money({ budgetFen, spentFen, id }: { budgetFen: number; spentFen: number; id?: string }) {
  const over = spentFen > budgetFen
  const pct = budgetFen > 0 ? Math.min(100, Math.round((spentFen / budgetFen) * 100)) : spentFen > 0 ? 100 : 0
  return (
    <View id={id}>
      <Text className={`board__money ${over ? 'board__money--over' : ''}`}>
        已支出 {fenToYuan(spentFen)} / 预算 {fenToYuan(budgetFen)}{over ? `（超支 ${fenToYuan(spentFen - budgetFen)}）` : ''}
      </Text>
      <View className='board__bar' aria-hidden='true'><View className={`board__bar-fill ${over ? 'board__bar-fill--over' : ''}`} style={{ width: `${pct}%` }} /></View>
    </View>
  )
}

export function StatusLine({ item }: { item: Pick<TrackedItemSummaryT, 'status' | 'progress' | 'overdue' | 'source'> }) {
  return (
    <View>
      <Text className={`board__status board__status--${item.status}`}>{TrackedItemStatusLabel[item.status]}</Text>
      <Text className='tag'>{TrackedItemSourceLabel[item.source]}</Text>
      <Text className='muted'>进度 {item.progress}%</Text>
      {item.overdue && <Text className='board__warn'>已逾期</Text>}
    </View>
  )
}

export default function ItemCard({ item, onOpen }: { item: TrackedItemSummaryT; onOpen: () => void }) {
  return (
    <View className='card' id={`item-${item.id}`}>
      <StatusLine item={item} />
      <Text className='card__title'>{item.title}</Text>
      <Text className='muted'>{item.unitName}{item.location ? ` · ${item.location}` : ''} · 责任人 {item.responsible} · {item.fundSourceLabel}</Text>
      {item.plannedEnd && <Text className='muted'>　计划 {item.plannedEnd} 完成</Text>}
      <Money budgetFen={item.budgetFen} spentFen={item.spentFen} />
      <ActionButton className='btn btn--ghost' id={`item-open-${item.id}`} aria-label={`查看详情：${item.title}`} onClick={onOpen}>查看详情</ActionButton>
    </View>
  )
}
