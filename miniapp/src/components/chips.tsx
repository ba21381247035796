import { View } from '@tarojs/components'
import ActionButton from './action-button'

/** a row of toggle buttons: one value of a small set */
export default function Chips<T extends string>({ id, value, options, onChange }: {
  id: string
  value: T
  options: { value: T; label: string }[]
  onChange: (v: T) => void
}) {
  return (
    <View className='choice-row' id={id} role='radiogroup'>
      {options.map((o) => (
        <ActionButton key={o.value} id={`${id}-${o.value}`} aria-pressed={o.value === value}
          className={`btn btn--small ${o.value === value ? '' : 'btn--ghost'}`} onClick={() => onChange(o.value)}>
          {o.label}
        </ActionButton>
      ))}
    </View>
  )
}
