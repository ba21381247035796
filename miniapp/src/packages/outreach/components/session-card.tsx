import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { OutreachSessionStatusLabel } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import type { OutreachSessionT } from '../../../api/outreach'
import { formatDateTime } from '../../../format'
import { routes, withQuery } from '../../../routes'

/** One 宣讲 session in a list: theme, courtyard, time, place, speaker, households present. */
export default function SessionCard({ s }: { s: OutreachSessionT }) {
  return (
    <View className='card' data-session-id={s.id}>
      <View>
        <Text className='tag'>{OutreachSessionStatusLabel[s.status]}</Text>
        {s.attended && <Text className='tag'>本户已签到</Text>}
      </View>
      <Text className='outreach-card__theme'>{s.theme}</Text>
      <View className='row'><Text className='row__label'>院坝</Text><Text className='row__value'>{s.unitName}</Text></View>
      <View className='row'><Text className='row__label'>时间</Text><Text className='row__value'>{formatDateTime(s.startsAt)}</Text></View>
      <View className='row'><Text className='row__label'>地点</Text><Text className='row__value'>{s.place}</Text></View>
      <View className='row'><Text className='row__label'>主讲</Text><Text className='row__value'>{s.speaker}</Text></View>
      <View className='row'><Text className='row__label'>到场</Text><Text className='row__value'>{s.householdsPresent} 户</Text></View>
      <ActionButton className='btn btn--ghost' aria-label={`${s.mayManage ? '签到与记录' : '查看详情'}：${s.theme}`}
        onClick={() => Taro.navigateTo({ url: withQuery(routes.outreachDetail, { id: s.id }) })}>{s.mayManage ? '签到与记录' : '查看详情'}</ActionButton>
    </View>
  )
}
