import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { useCursorList } from '../../../../components/use-cursor-list'
import { errorMessage } from '../../../../api/client'
import { isLoggedIn } from '../../../../api/tokens'
import { listNotifications, markAllRead, markRead, type NotificationT } from '../../../../api/notifications'
import { formatDateTime } from '../../../../format'
import { routes, tabRoutes } from '../../../../routes'
import { goLogin } from '../../../../return-to'
import '../../messages.css'

/**
 * Opens the page a message is about. Tab pages only open by switchTab (which drops the query);
 * a full page stack (WeChat keeps 10) refuses navigateTo, so the message page replaces this one then.
 */
export function openMessagePage(page: string): void {
  if (!page.startsWith('/')) return
  const path = page.split('?')[0]
  if (tabRoutes.includes(path)) {
    void Taro.switchTab({ url: path }).catch(() => undefined)
    return
  }
  Taro.navigateTo({ url: page }).catch(() => Taro.redirectTo({ url: page }))
    .catch(() => Taro.showToast({ title: '这条消息的页面打不开了', icon: 'none' }))
}

function MessageItem({ n, onOpen }: { n: NotificationT; onOpen: (n: NotificationT) => void }) {
  const unread = !n.readAt
  return (
    <View className={`card msg ${unread ? 'msg--unread' : ''}`} id={`msg-${n.id}`} onClick={() => onOpen(n)}>
      <View className='msg__head'>
        {unread && <Text className='msg__unread' id={`msg-${n.id}-unread`}>未读</Text>}
        <Text className='msg__title' id={`msg-${n.id}-title`}>{n.title}</Text>
      </View>
      {n.body && <Text className='msg__body'>{n.body}</Text>}
      <View className='msg__foot'>
        <Text className='msg__time'>{formatDateTime(n.createdAt)}</Text>
        <Text className='msg__go' aria-hidden='true'>查看 ›</Text>
      </View>
    </View>
  )
}

/** 消息: my notifications, newest first, page by page; a tap marks one read and opens its page. */
export function MessageList({ refresh = 0 }: { refresh?: number }) {
  const { state, setState, load, loadMore } = useCursorList<NotificationT>((cursor) => listNotifications(cursor), refresh)
  const [allBusy, setAllBusy] = useState(false)
  const [allError, setAllError] = useState('')

  const markLocally = (read: (n: NotificationT) => boolean) => {
    const at = new Date().toISOString()
    setState((x) => (x.status === 'ready' ? { ...x, items: x.items.map((n) => (!n.readAt && read(n) ? { ...n, readAt: at } : n)) } : x))
  }
  const open = (n: NotificationT) => {
    if (!n.readAt) {
      markLocally((x) => x.id === n.id)
      // the page opens at once; a failed mark only leaves the message unread for next time
      markRead([n.id]).catch(() => undefined)
    }
    openMessagePage(n.page)
  }
  const readAll = async () => {
    setAllBusy(true)
    setAllError('')
    try {
      await markAllRead()
      markLocally(() => true)
    } catch (e) {
      setAllError(errorMessage(e))
    } finally {
      setAllBusy(false)
    }
  }

  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} kind={state.kind} onRetry={() => void load()} />
  if (state.items.length === 0) {
    return <Empty title='还没有消息' text='您的上报有进展、投票开始或快截止、异议有答复时，会在这里告诉您。' />
  }
  // unread ones may sit on later pages too
  const someUnread = state.items.some((n) => !n.readAt) || !!state.nextCursor
  return (
    <View id='msg-list'>
      {someUnread && (
        <ActionButton className='btn btn--ghost msg__all' id='msg-read-all' disabled={allBusy} loading={allBusy}
          onClick={() => void readAll()}>全部已读</ActionButton>
      )}
      <FormError message={allError} id='msg-read-all-error' />
      {state.items.map((n) => <MessageItem key={n.id} n={n} onOpen={open} />)}
      {state.nextCursor && (
        <ActionButton className='btn btn--ghost' id='msg-more' disabled={state.more === 'loading'} loading={state.more === 'loading'}
          onClick={() => void loadMore()}>加载更多</ActionButton>
      )}
      {state.more !== 'idle' && state.more !== 'loading' && <View className='hint' role='alert'>加载失败：{state.more}</View>}
      {!state.nextCursor && <Text className='hint msg__end'>没有更早的消息了</Text>}
    </View>
  )
}

export default function MessagesPage() {
  const [refresh, setRefresh] = useState(0)
  const [loggedIn, setLoggedIn] = useState(isLoggedIn())
  // back from a message's page: read again (the first show is the list's own first load)
  const shown = useRef(false)
  useDidShow(() => {
    setLoggedIn(isLoggedIn())
    if (shown.current) setRefresh((n) => n + 1)
    shown.current = true
  })
  return (
    <View className='page messages'>
      <View role='heading' aria-level={1} className='h1'><Text>消息</Text></View>
      {loggedIn ? <MessageList refresh={refresh} /> : (
        <Empty title='您还没有登录' text='登录后可以查看给您的消息。'>
          <ActionButton className='btn' id='msg-login' onClick={() => goLogin({ url: routes.messages })}>登录</ActionButton>
        </Empty>
      )}
    </View>
  )
}
