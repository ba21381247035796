import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ErrandModeLabel, ErrandStatusLabel, type ErrandSummary } from '@linli/shared'
import { formatDateTime } from '../../../format'
import { routes, withQuery } from '../../../routes'

/** One errand in a list: what, for which household, where it stands, the time limit. */
export default function ErrandCard({ e }: { e: ErrandSummary }) {
  return (
    <View className='card errand-item' id={`errand-${e.id}`} role='link' onClick={() => Taro.navigateTo({ url: withQuery(routes.errandDetail, { id: e.id }) })}>
      <Text className='errand-item__title'>{e.typeName}</Text>
      <Text className='tag'>{ErrandStatusLabel[e.status]}</Text>
      <Text className='tag'>{ErrandModeLabel[e.mode]}</Text>
      <Text className='errand-item__meta'>{e.householdAddress}</Text>
      <Text className='errand-item__meta'>代办员：{e.agentName ?? '待接单'}</Text>
      {e.overdue || (!['done', 'refused', 'cancelled'].includes(e.status) && new Date(e.dueAt).getTime() < Date.now())
        ? <Text className='errand-item__meta errand-overdue'>已超过办理时限（{formatDateTime(e.dueAt)}）</Text>
        : <Text className='errand-item__meta'>办理时限：{formatDateTime(e.dueAt)}</Text>}
    </View>
  )
}
