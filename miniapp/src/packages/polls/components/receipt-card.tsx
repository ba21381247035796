import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import QrCode from '../../../components/qr-code'
import { ChannelLabel } from '../poll-text'
import { receiptCheckLink } from '../receipt-link'
import TechNote, { NoteLine } from './tech-note'
import type { BallotChannel } from '@linli/shared'

export interface ReceiptCardProps {
  pollId: string
  /** the full receipt (64 hex digits), for auditors */
  receipt: string
  /** the short code read aloud and compared: 7KQ2-M9XD-3FHA-WP4N */
  code: string
  choices: string[]
  channel: BallotChannel
  /** option letter -> label */
  labels: Record<string, string>
}

/** "您家已投票" with the short receipt code to keep and find on the bulletin later, and its QR code */
export default function ReceiptCard({ pollId, receipt, code, choices, channel, labels }: ReceiptCardProps) {
  const copy = () => {
    Taro.setClipboardData({ data: code })
      .then(() => Taro.showToast({ title: '回执码已复制', icon: 'none' }))
      .catch(() => Taro.showToast({ title: '复制失败，请长按回执码手动复制', icon: 'none' }))
  }
  return (
    <View className='receipt-card' id='poll-receipt' role='status'>
      <Text className='receipt-card__done' id='poll-voted'>您家已投票</Text>
      <Text className='muted'>您家的选择（{ChannelLabel[channel]}）：{choices.map((c) => `${c}. ${labels[c] ?? ''}`).join('；')}</Text>
      <Text className='field__label' style={{ marginTop: '16px' }}>回执码</Text>
      <Text className='receipt-code' id='poll-receipt-code' selectable aria-label={`回执码 ${code.split('').join(' ')}`}>
        {code.split('-').map((g, i) => <Text className='receipt-code__group' key={g + i}>{i ? '-' : ''}{g}</Text>)}
      </Text>
      <Text className='field__help'>
        请记下或截图保存这串回执码。投票结束后打开“选票公告”，找到这串码，看它后面的选择和您家投的是否一样：一样，就说明您家的票被如实计入。回执码不含您家的地址和姓名，别人看到也不知道是哪一户。
      </Text>
      <ActionButton className='btn btn--ghost' id='poll-receipt-copy' onClick={copy}>复制回执码</ActionButton>
      <View className='receipt-qr'>
        <QrCode text={receiptCheckLink(pollId, code)} label={`核对回执的二维码，回执码 ${code}`} id='poll-receipt-qr' />
      </View>
      <Text className='hint'>用另一部手机扫这个二维码，也能打开选票公告核对。</Text>
      <TechNote id='poll-receipt-tech'>
        <NoteLine>完整回执（64 位十六进制，回执码是它的前 80 位）：</NoteLine>
        <NoteLine mono>{receipt}</NoteLine>
      </TechNote>
    </View>
  )
}
