import type { ReactNode } from 'react'
import { Button } from '@tarojs/components'

export interface ActionButtonProps {
  id?: string
  className?: string
  disabled?: boolean
  loading?: boolean
  onClick?: () => void
  children?: ReactNode
  'aria-label'?: string
  'aria-pressed'?: boolean
}

/**
 * A button. In H5 it is a real <button> (Taro's H5 Button is a <div>: not focusable, no role,
 * unusable from a keyboard or a screen reader); in the mini-program it is WeChat's own button.
 */
export default function ActionButton({ id, className, disabled, loading, onClick, children, ...aria }: ActionButtonProps) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <button type='button' id={id} className={className} disabled={disabled} aria-busy={loading || undefined}
        onClick={onClick} {...aria}>
        {loading && <span className='btn__spinner' aria-hidden='true' />}
        {children}
      </button>
    )
  }
  return (
    <Button id={id} className={className} disabled={disabled} loading={loading || undefined} onClick={onClick}
      ariaLabel={aria['aria-label']}>
      {children}
    </Button>
  )
}
