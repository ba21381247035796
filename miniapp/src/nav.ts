import Taro from '@tarojs/taro'
import { routes } from './routes'

/**
 * Back to where the person came from, or to 首页 when there is nothing behind (a page opened from a
 * shared link or a bookmark): the same rule as the title bar's back arrow and home icon.
 */
export function goBackOrHome(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: routes.home })
}
