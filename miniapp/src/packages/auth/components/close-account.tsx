import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { closeAccount } from '../../../api/me-data'
import { errorMessage } from '../../../api/client'
import type { MyDataT } from '../../../api/me-data'
import { formatNumber } from '../../../format'

/** What 注销 does, in the words of the person it happens to; the same rules as the 隐私条款. */
export function consequences(data: MyDataT): string[] {
  const h = data.household
  return [
    '账号无法恢复：称呼改为“已注销用户”，微信关联、账号名和密码被清除，所有设备立即退出登录。',
    h
      ? `您将退出住户“${h.address}”。${h.isHead ? (h.memberCount > 1 ? '户主由家中下一位成员接任。' : '家中没有其他成员，住户仍留在名册中，由网格员管理。') : ''}`
      : '您没有绑定住户。',
    data.points.balance > 0 || data.orders.some((o) => o.status === 'pending')
      ? `积分 ${formatNumber(data.points.balance)} 分作废（记入积分明细），未领取的兑换单取消，退还的积分一并作废。`
      : '您没有积分，也没有未领取的兑换单。',
    '您的上报、投票、联署和异议仍计入统计和公示，但不再显示您的姓名。',
    '未公开的照片和您的消息被删除。',
    '以后用同一微信登录将是一个新账号，看不到原来的数据。建议注销前先导出我的数据。',
  ]
}

/** 注销账号: a button, then a panel naming every consequence, then the final, red confirmation. */
export function CloseAccount({ data, onClosed }: { data: MyDataT; onClosed: () => void }) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  async function confirm() {
    setBusy(true)
    setError('')
    try {
      await closeAccount()
      onClosed()
    } catch (e) {
      setError(errorMessage(e))
      setBusy(false)
    }
  }

  if (!open) {
    return <ActionButton className='btn btn--danger' id='mydata-close' onClick={() => setOpen(true)}>注销账号</ActionButton>
  }
  return (
    <View className='card mydata__confirm' id='mydata-close-confirm' role='alertdialog' aria-labelledby='mydata-close-title'>
      <View role='heading' aria-level={2} className='card__title mydata__danger' id='mydata-close-title'><Text>确定注销账号吗？</Text></View>
      {consequences(data).map((c, i) => <View className='mydata__consequence' key={i}><Text>{i + 1}. {c}</Text></View>)}
      <FormError message={error} id='mydata-close-error' />
      <ActionButton className='btn btn--danger' id='mydata-close-yes' disabled={busy} loading={busy || undefined} onClick={() => void confirm()}>
        {busy ? '正在注销…' : '确认注销，不可恢复'}
      </ActionButton>
      <ActionButton className='btn' id='mydata-close-no' disabled={busy} onClick={() => { setOpen(false); setError('') }}>不注销了</ActionButton>
    </View>
  )
}
