import { View, Text } from '@tarojs/components'
import { Empty as NutEmpty, Skeleton } from '@nutui/nutui-react-taro'
import { Tips, NetworkError } from '@nutui/icons-react-taro'
import Taro from '@tarojs/taro'
import ActionButton from './action-button'
import type { FailureKind } from '../api/client'
import { goBackOrHome } from '../nav'
import './state-view.css'

// NutUI's Empty draws its picture from a remote URL (storage.360buyimg.com): we pass an icon
// instead, so nothing is fetched from a domain the mini-program has not declared.

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='state state--loading' role='status' aria-live='polite'>
      <View className='state__skeleton' aria-hidden='true'><Skeleton rows={3} animated /></View>
      <Text className='state__text'>{text}</Text>
    </View>
  )
}

const TITLE: Record<FailureKind, string> = { missing: '内容不存在或已删除', forbidden: '无权查看此内容', retry: '加载失败' }

/**
 * A read that failed. `kind` (failureKind of the error) says whether trying again can help: a
 * network or server error offers 重试; a 404 or 403 would fail the same way, so it offers the
 * way back (返回, or 回首页 on a page opened from a link) instead. A `panel` is one part of a page
 * (a tally, a roster, a report opened in a list): there a 404 or 403 only says so, and the rest of
 * the page stays where it is.
 */
export function ErrorState({ message, onRetry, kind = 'retry', panel = false }: { message: string; onRetry?: () => void; kind?: FailureKind; panel?: boolean }) {
  const final = kind !== 'retry'
  return (
    <View className='state state--error' role='alert'>
      <NutEmpty status='error' image={final ? <Tips className='state__icon' /> : <NetworkError className='state__icon' />}
        title={<Text className='state__title'>{TITLE[kind]}</Text>} description={<Text className='state__text'>{message}</Text>}>
        {final && !panel && <ActionButton className='btn btn--ghost state__retry' onClick={goBackOrHome}>{Taro.getCurrentPages().length > 1 ? '返回' : '回首页'}</ActionButton>}
        {!final && onRetry && <ActionButton className='btn btn--ghost state__retry' onClick={onRetry}>重试</ActionButton>}
      </NutEmpty>
    </View>
  )
}

export function Empty({ title, text, children }: { title: string; text?: string; children?: React.ReactNode }) {
  return (
    <View className='state state--empty'>
      <NutEmpty image={<Tips className='state__icon' />} title={<Text className='state__title'>{title}</Text>}
        description={text ? <Text className='state__text'>{text}</Text> : undefined}>
        {children}
      </NutEmpty>
    </View>
  )
}

/** an inline error under a form, read out by screen readers */
export function FormError({ message, id }: { message: string; id?: string }) {
  if (!message) return null
  return <View className='form-error' role='alert' id={id}><Text>{message}</Text></View>
}
