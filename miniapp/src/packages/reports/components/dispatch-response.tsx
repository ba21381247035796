import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { REPORT_LIMITS } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { errorMessage } from '../../../api/client'
import { ackDispatch, replyDispatch, type ReportT } from '../../../api/reports'

type DispatchT = ReportT['dispatches'][number]

/** department staff: acknowledge a dispatch, then reply with the result (delivery is tracked apart from status) */
export default function DispatchResponse({ dispatch, onChanged }: { dispatch: DispatchT; onChanged: () => void }) {
  const [busy, setBusy] = useState(false)
  const [reply, setReply] = useState('')
  const [error, setError] = useState('')
  if (dispatch.delivery === 'replied') return null
  const pid = `dispatch-${dispatch.id}`
  async function go(fn: () => Promise<unknown>) {
    setBusy(true)
    setError('')
    try {
      await fn()
      onChanged()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='reports__panel' id={pid}>
      <Text className='field__label'>部门处理：{dispatch.departmentName}</Text>
      {dispatch.delivery === 'sent' && (
        <ActionButton className='btn' id={`${pid}-ack`} disabled={busy} loading={busy} onClick={() => go(() => ackDispatch(dispatch.id))}>签收派单</ActionButton>
      )}
      <View className='field'>
        <Text className='field__label'>回复办理结果</Text>
        <Input className='field__input' id={`${pid}-reply`} value={reply} maxlength={REPORT_LIMITS.noteMax} onInput={(e) => setReply(e.detail.value)} />
      </View>
      <ActionButton className='btn btn--ghost' id={`${pid}-reply-submit`} disabled={busy} onClick={() => {
        if (!reply.trim()) return setError('请填写办理结果')
        go(() => replyDispatch(dispatch.id, reply.trim()))
      }}>提交回复</ActionButton>
      <FormError message={error} />
    </View>
  )
}
