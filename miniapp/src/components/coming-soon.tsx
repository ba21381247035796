import { View, Text } from '@tarojs/components'
import './coming-soon.css'

/** a tab whose feature ships later: say so plainly, show no made-up data */
export default function ComingSoon({ title, what, points }: { title: string; what: string; points: string[] }) {
  return (
    <View className='page coming-soon'>
      <View className='card'>
        <Text className='coming-soon__badge'>即将上线</Text>
        <View className='coming-soon__title' role='heading' aria-level={1}><Text>{title}功能即将上线</Text></View>
        <Text className='coming-soon__what'>{what}</Text>
        <View className='coming-soon__list'>
          {points.map((p) => (
            <View className='coming-soon__item' key={p}><Text>· {p}</Text></View>
          ))}
        </View>
      </View>
      <Text className='hint'>现在可以先在“我的”里登录并绑定您家，上线后即可直接使用。</Text>
    </View>
  )
}
