import { useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import ActionButton from '../../../components/action-button'

/** 技术说明: folded by default, for auditors; residents need none of it to check their vote. */
export default function TechNote({ id, children }: { id: string; children: ReactNode }) {
  const [open, setOpen] = useState(false)
  return (
    <View className='tech-note' id={id}>
      <ActionButton className='btn btn--ghost' id={`${id}-toggle`} onClick={() => setOpen(!open)}>
        {open ? '收起技术说明' : '技术说明（供核查人员）'}
      </ActionButton>
      {open && <View className='tech-note__body' id={`${id}-body`}>{children}</View>}
    </View>
  )
}

export const NoteLine = ({ children, mono }: { children: ReactNode; mono?: boolean }) => (
  <Text className={`tech-note__line ${mono ? 'tech-note__mono' : ''}`} selectable>{children}</Text>
)
