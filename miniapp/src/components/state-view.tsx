import { View, Text } from '@tarojs/components'
import { Empty as NutEmpty, Skeleton } from '@nutui/nutui-react-taro'
import { Tips, NetworkError } from '@nutui/icons-react-taro'
import ActionButton from './action-button'
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

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='state state--error' role='alert'>
      <NutEmpty status='error' image={<NetworkError className='state__icon' />}
        title={<Text className='state__title'>加载失败</Text>} description={<Text className='state__text'>{message}</Text>}>
        {onRetry && <ActionButton className='btn btn--ghost state__retry' onClick={onRetry}>重试</ActionButton>}
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
