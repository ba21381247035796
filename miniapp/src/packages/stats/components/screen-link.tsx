import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import { withQuery } from '../../../routes'
import { statsRoutes } from '../navigation'

export const SCREEN_REFRESH_MINUTES = 5

/** the 数据大屏's address in a browser: the H5 app is served by the API server, hash-routed */
export function screenAddress(unitId: string, origin: string): string {
  return `${origin}/#${withQuery(statsRoutes.screen, { unitId })}`
}

function origin(): string {
  if (typeof API_BASE === 'string' && API_BASE) return API_BASE
  return typeof location !== 'undefined' ? location.origin : ''
}

/** How to put the dashboard on the service centre's screen: the address, and what to do there. */
export default function ScreenLink({ unitId }: { unitId: string }) {
  const address = screenAddress(unitId, origin())
  const h5 = process.env.TARO_ENV === 'h5'
  return (
    <View className='card' id='stats-screen-link'>
      <View role='heading' aria-level={2} className='card__title'><Text>在服务中心大屏上显示</Text></View>
      <Text className='hint'>
        在大屏所连电脑的浏览器里打开下面的地址，用工作人员账号登录（工作人员登录），再按 F11 全屏。
        大屏显示本月数据、时钟和督办事项，每 {SCREEN_REFRESH_MINUTES} 分钟自动更新，无需操作。
      </Text>
      <Text className='stats-address' id='stats-screen-address' userSelect>{address}</Text>
      {h5
        ? <ActionButton className='btn btn--ghost' id='stats-open-screen' onClick={() => Taro.navigateTo({ url: withQuery(statsRoutes.screen, { unitId }) })}>打开数据大屏</ActionButton>
        : <ActionButton className='btn btn--ghost' id='stats-copy-screen' onClick={() => Taro.setClipboardData({ data: address })}>复制大屏地址</ActionButton>}
    </View>
  )
}
