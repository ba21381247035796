import { View, Text } from '@tarojs/components'
import ActionButton from '../../components/action-button'
import Taro from '@tarojs/taro'
import { useSession, isStaff } from '../../session'
import { Loading, ErrorState } from '../../components/state-view'
import { routes } from '../../routes'
import { goLogin } from '../../return-to'
import './index.css'

const FEATURES = [
  { name: '随手拍', text: '拍照上报身边问题，进度全程可查' },
  { name: '议事协商', text: '提出议题、联名附议、参加议事会' },
  { name: '一户一票', text: '重要事项每户一票，结果可核验' },
  { name: '积分超市', text: '参与社区事务得积分，兑换生活用品' },
  { name: '结果公示', text: '决议、维修、资金使用公开透明' },
]

function StatusCard() {
  const [s, reload] = useSession()
  if (s.status === 'loading') return <View className='card'><Loading /></View>
  if (s.status === 'error') return <View className='card'><ErrorState message={s.message} onRetry={reload} /></View>
  if (s.status === 'anonymous') {
    return (
      <View className='card'>
        <Text className='card__title'>欢迎来到邻里议事</Text>
        <Text className='muted'>登录并绑定您家后，就可以参与社区议事和投票。</Text>
        <ActionButton className='btn' id='home-login' onClick={() => goLogin({ url: routes.home, needsHousehold: true })}>登录</ActionButton>
      </View>
    )
  }
  const me = s.me
  return (
    <View className='card'>
      <Text className='card__title'>您好，{me.displayName}</Text>
      {!me.privacyAgreedAt ? (
        <>
          <Text className='muted'>请先阅读并同意隐私条款。</Text>
          <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.privacy })}>查看隐私条款</ActionButton>
        </>
      ) : me.household ? (
        <Text className='muted'>我家：{me.household.address}（{me.household.unitName}）</Text>
      ) : (
        <>
          <Text className='muted'>还没有绑定您家。请向网格员索取绑定码。</Text>
          <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.bind })}>绑定我家</ActionButton>
        </>
      )}
      {isStaff(me) && (
        <ActionButton className='btn btn--ghost' onClick={() => Taro.navigateTo({ url: routes.staff })}>进入工作台</ActionButton>
      )}
    </View>
  )
}

export default function Home() {
  return (
    <View className='page home'>
      <View className='home__hero'>
        <View role='heading' aria-level={1} className='h1 home__title'><Text>邻里议事</Text></View>
        <Text className='home__sub'>大家的事大家议，议定的事马上办</Text>
      </View>
      <StatusCard />
      <View className='card'>
        <View role='heading' aria-level={2} className='card__title'><Text>功能一览</Text></View>
        {FEATURES.map((f) => (
          <View className='row' key={f.name}>
            <View>
              <Text className='home__feature'>{f.name}</Text>
              <Text className='home__feature-text'>{f.text}</Text>
            </View>
            <Text className='tag home__soon'>即将上线</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
