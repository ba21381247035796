import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from './action-button'
import { Empty } from './state-view'
import { goLogin, type ReturnTo } from '../return-to'

/** 朋友圈 opens a shared page in WeChat's single-page mode (scene 1154), where nobody can log in */
function inSinglePageMode(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  try { return Taro.getEnterOptionsSync().scene === 1154 } catch { return false }
}

/**
 * 请先登录, for every page that needs a signed-in user: the login button remembers this page, so
 * after login (and binding, when `returnTo.needsHousehold`) the user comes back here.
 */
export default function LoginPrompt({ text, returnTo, title = '请先登录' }: { text: string; returnTo: ReturnTo; title?: string }) {
  return (
    <Empty title={title} text={text}>
      {inSinglePageMode()
        ? <Text className='hint'>请点击屏幕下方的“前往小程序”，登录后查看。</Text>
        : <ActionButton className='btn' id='login-prompt' onClick={() => goLogin(returnTo)}>登录</ActionButton>}
    </Empty>
  )
}
