import { View, Text } from '@tarojs/components'
import ActionButton from './action-button'
import './state-view.css'

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='state state--loading' role='status' aria-live='polite'>
      <View className='state__spinner' aria-hidden='true' />
      <Text className='state__text'>{text}</Text>
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='state state--error' role='alert'>
      <Text className='state__title'>加载失败</Text>
      <Text className='state__text'>{message}</Text>
      {onRetry && <ActionButton className='btn btn--ghost state__retry' onClick={onRetry}>重试</ActionButton>}
    </View>
  )
}

export function Empty({ title, text, children }: { title: string; text?: string; children?: React.ReactNode }) {
  return (
    <View className='state state--empty'>
      <Text className='state__title'>{title}</Text>
      {text && <Text className='state__text'>{text}</Text>}
      {children}
    </View>
  )
}

/** an inline error under a form, read out by screen readers */
export function FormError({ message, id }: { message: string; id?: string }) {
  if (!message) return null
  return <View className='form-error' role='alert' id={id}><Text>{message}</Text></View>
}
