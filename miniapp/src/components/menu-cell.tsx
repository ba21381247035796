import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import { ArrowRight } from '@nutui/icons-react-taro'
import '@nutui/icons-react-taro/dist/style_icon.css'
import ActionButton from './action-button'
import './menu-cell.css'

/**
 * A menu line: NutUI's Cell (look, divider, group) with an arrow. NutUI's Cell is a View with
 * onClick - no role, not focusable in H5 - so the tappable part inside it is our ActionButton
 * (a real <button> in H5, WeChat's button in weapp), covering the whole line.
 */
export function MenuCell({ id, title, description, extra, icon, onClick }: {
  id?: string; title: string; description?: string; extra?: ReactNode
  /** a NutUI icon before the title */
  icon?: ReactNode
  onClick: () => void
}) {
  return (
    <Cell className='menu-cell'>
      <ActionButton id={id} className='menu-cell__btn' onClick={onClick}>
        {icon && <View className='menu-cell__icon'>{icon}</View>}
        <View className='menu-cell__left'>
          <Text className='menu-cell__title'>{title}</Text>
          {description && <Text className='menu-cell__desc'>{description}</Text>}
        </View>
        {extra !== undefined && <Text className='menu-cell__extra'>{extra}</Text>}
        <ArrowRight className='menu-cell__arrow' />
      </ActionButton>
    </Cell>
  )
}

export function MenuGroup({ title, id, children }: { title?: string; id?: string; children: ReactNode }) {
  return (
    <View className='menu-group' id={id}>
      <CellGroup title={title} divider>{children}</CellGroup>
    </View>
  )
}
