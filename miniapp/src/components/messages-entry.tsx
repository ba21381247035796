import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import ActionButton from './action-button'
import { getUnreadCount } from '../api/notifications'
import { isLoggedIn } from '../api/tokens'
import { routes, tabRoutes } from '../routes'
import './messages-entry.css'

const MINE_TAB = tabRoutes.indexOf(routes.mine)

/**
 * The count on the 我的 tab (WeChat's own badge). H5's text-only tab bar has no room for a number
 * readable at 16px beside the label, so it shows a dot there and the count stays on the page.
 * Only from a tab page (WeChat refuses it elsewhere); never awaited, since Taro's H5 version
 * settles only when its tab bar is on screen to answer.
 */
function showTabBadge(unread: number): void {
  try {
    const index = MINE_TAB
    const p = process.env.TARO_ENV === 'h5'
      ? (unread > 0 ? Taro.showTabBarRedDot({ index }) : Taro.hideTabBarRedDot({ index }))
      : (unread > 0 ? Taro.setTabBarBadge({ index, text: unread > 99 ? '99+' : String(unread) }) : Taro.removeTabBarBadge({ index }))
    void Promise.resolve(p).catch(() => undefined)
  } catch { /* no tab bar here */ }
}

/** my unread messages, read each time the (tab) page shows; null while unknown or signed out */
export function useUnreadCount(signedOut: boolean): number | null {
  const [unread, setUnread] = useState<number | null>(null)
  // 退出登录 on this page: no count, no badge left on the tab
  useEffect(() => { if (signedOut) { setUnread(null); showTabBadge(0) } }, [signedOut])
  useDidShow(() => {
    if (!isLoggedIn()) { setUnread(null); showTabBadge(0); return }
    getUnreadCount()
      .then((r) => { setUnread(r.unread); showTabBadge(r.unread) })
      .catch(() => setUnread(null))
  })
  return unread
}

/** 消息 on 我的: how many are unread, and the way to the list */
export function MessagesEntry({ unread }: { unread: number | null }) {
  return (
    <View className='card' id='mine-messages'>
      <View className='row'>
        <Text className='card__title'>消息</Text>
        {unread ? (
          <Text className='msg-badge' id='mine-messages-badge'>{unread > 99 ? '99+' : unread} 条未读</Text>
        ) : (
          <Text className='row__value muted' id='mine-messages-none'>{unread === 0 ? '没有未读消息' : ''}</Text>
        )}
      </View>
      <ActionButton className='btn btn--ghost' id='mine-messages-go' onClick={() => Taro.navigateTo({ url: routes.messages })}>
        查看消息
      </ActionButton>
    </View>
  )
}
