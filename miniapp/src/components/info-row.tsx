import { View, Text } from '@tarojs/components'

/** One labelled fact on a card: 地址 3栋2单元501 (label left, value right) */
export default function InfoRow({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className='row'>
      <Text className='row__label'>{label}</Text>
      <Text className='row__value' id={id}>{value}</Text>
    </View>
  )
}
