import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../components/action-button'
import { tabRoutes } from '../../routes'

/** Opens a page of the app: tab pages by switchTab (navigateTo cannot open them). */
export function open(url: string): void {
  const path = url.replace(/\?.*$/, '')
  if (tabRoutes.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}

/** One tappable line: the whole row is the button (one tap to act), with a badge on the right. Its name is
 * what it shows (title, line, badge) unless a label is given: a name worded apart from the text misleads voice control. */
export function HomeRow({ id, title, meta, badge, tone = 'plain', url, label }: {
  id: string; title: string; meta?: string; badge?: string; tone?: 'plain' | 'todo' | 'done' | 'alert'; url: string; label?: string
}) {
  return (
    <ActionButton className='home-row' id={id} aria-label={label} onClick={() => open(url)}>
      <View className='home-row__text'>
        <Text className='home-row__title'>{title}</Text>
        {meta && <Text className='home-row__meta'>{meta}</Text>}
      </View>
      {badge && <Text className={`home-badge home-badge--${tone}`}>{badge}</Text>}
    </ActionButton>
  )
}

/** A card with a heading, its rows (or a line saying there are none) and a link to the full page. */
export function HomeSection({ id, title, count, empty, more, children }: {
  id: string; title: string; count?: number; empty: string; more?: { text: string; url: string }; children?: ReactNode[]
}) {
  const rows = (children ?? []).filter(Boolean)
  return (
    <View className='card home-section' id={id}>
      <View className='home-section__head'>
        <View role='heading' aria-level={2} className='home-section__title'><Text>{title}</Text></View>
        {count !== undefined && count > 0 && <Text className='home-count' id={`${id}-count`}>{count}</Text>}
      </View>
      {rows.length > 0 ? rows : <Text className='home-section__empty' id={`${id}-empty`}>{empty}</Text>}
      {more && (
        <ActionButton className='btn btn--ghost home-section__more' id={`${id}-more`} onClick={() => open(more.url)}>{more.text}</ActionButton>
      )}
    </View>
  )
}
