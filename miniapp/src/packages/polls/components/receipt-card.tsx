import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import { ChannelLabel } from '../poll-text'
import type { BallotChannel } from '@linli/shared'

export interface ReceiptCardProps {
  receipt: string
  choices: string[]
  channel: BallotChannel
  /** option letter -> label */
  labels: Record<string, string>
}

/** "您家已投票" with the receipt code to keep and find on the bulletin later */
export default function ReceiptCard({ receipt, choices, channel, labels }: ReceiptCardProps) {
  const copy = () => {
    Taro.setClipboardData({ data: receipt })
      .then(() => Taro.showToast({ title: '回执码已复制', icon: 'none' }))
      .catch(() => Taro.showToast({ title: '复制失败，请长按回执码手动复制', icon: 'none' }))
  }
  return (
    <View className='receipt-card' id='poll-receipt' role='status'>
      <Text className='receipt-card__done' id='poll-voted'>您家已投票</Text>
      <Text className='muted'>您家的选择（{ChannelLabel[channel]}）：{choices.map((c) => `${c}. ${labels[c] ?? ''}`).join('；')}</Text>
      <Text className='field__label' style={{ marginTop: '16px' }}>回执码</Text>
      <Text className='receipt-card__code' id='poll-receipt-code' selectable>{receipt}</Text>
      <Text className='field__help'>请保存回执码。投票结束后可在选票公告中找到它，核对您家的选票被如实计入。回执码不显示您家的地址。</Text>
      <ActionButton className='btn btn--ghost' id='poll-receipt-copy' onClick={copy}>复制回执码</ActionButton>
    </View>
  )
}
