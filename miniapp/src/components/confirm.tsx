import { useCallback, useRef, useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import './confirm.css'

export interface ConfirmAsk {
  title: string
  /** what will happen, as label/value lines the person can check before it is done */
  lines: { label: string; value: string }[]
  /** a warning under the lines, e.g. 提交后不能修改 */
  note?: string
  confirmText: string
  /** runs inside the confirm tap itself, before the answer (WeChat's 订阅 dialog opens only from a tap) */
  inTap?: () => void
}

/**
 * Ask before what cannot be undone (a vote, 完工, a paper ballot, 核销). NutUI's Dialog rather than
 * Taro.showModal: showModal takes one plain string, while here the choice, household or item is
 * laid out line by line in large type, the same on weapp and H5, and a test can read it.
 * Usage: const [confirmDialog, confirm] = useConfirm(); … {confirmDialog} … if (!(await confirm({…}))) return
 */
export function useConfirm(): [ReactNode, (ask: ConfirmAsk) => Promise<boolean>] {
  const [ask, setAsk] = useState<ConfirmAsk | null>(null)
  const answer = useRef<((ok: boolean) => void) | null>(null)
  const confirm = useCallback((a: ConfirmAsk) => new Promise<boolean>((resolve) => {
    answer.current = resolve
    setAsk(a)
  }), [])
  const close = (ok: boolean) => {
    answer.current?.(ok)
    answer.current = null
    setAsk(null)
  }
  const dialog = (
    <Dialog
      className='confirm'
      visible={ask !== null}
      title={ask?.title}
      confirmText={ask?.confirmText}
      cancelText='再想想'
      closeOnOverlayClick={false}
      onConfirm={() => { ask?.inTap?.(); close(true) }}
      onCancel={() => close(false)}
      onClose={() => { if (answer.current) close(false) }}
    >
      {ask && (
        <View className='confirm__body' id='confirm-body'>
          {ask.lines.map((l) => (
            <View className='confirm__line' key={l.label}>
              <Text className='confirm__label'>{l.label}</Text>
              <Text className='confirm__value'>{l.value}</Text>
            </View>
          ))}
          {ask.note && <Text className='confirm__note'>{ask.note}</Text>}
        </View>
      )}
    </Dialog>
  )
  return [dialog, confirm]
}
