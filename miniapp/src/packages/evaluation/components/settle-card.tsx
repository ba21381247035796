import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { EvaluationPeriod } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import InfoRow from '../../../components/info-row'
import { errorMessage } from '../../../api/client'
import { settlePeriod, type SettlementT } from '../../../api/evaluation'

const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })

/**
 * 结算 (community admin): pays the well-rated cadres' and courtyards' points once and makes the 五个最美
 * nominations. Before the period ends the server refuses (409) and its reason is shown as it says.
 */
export default function SettleCard({ unitId, period }: { unitId: string; period: EvaluationPeriod }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<SettlementT | null>(null)
  async function settle() {
    setBusy(true)
    setError(null)
    try {
      setDone(await settlePeriod(unitId, period.key))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const settledAt = done?.period.settledAt ?? period.settledAt
  return (
    <View className='card' id='evaluation-settle'>
      <Text className='card__title'>结算本期</Text>
      <InfoRow label='评价周期' value={`${day(period.startsAt)} 至 ${day(period.endsAt)}`} />
      <InfoRow label='结算状态' id='evaluation-settled' value={settledAt ? `已于 ${day(settledAt)} 结算` : period.ended ? '已结束，待结算' : '进行中'} />
      <Text className='hint'>结算后：好评人员和院坝各得一次积分，并产生“五个最美”提名。</Text>
      {done && <Text className='ev__done' id='evaluation-settle-done'>已结算：{done.paid.cadres} 位人员、{done.paid.courtyards} 个院坝得积分</Text>}
      {error && <View role='alert'><Text className='hint' id='evaluation-settle-error'>{error}</Text></View>}
      <ActionButton className='btn' id='evaluation-settle-btn' loading={busy} disabled={busy} onClick={settle}>结算</ActionButton>
    </View>
  )
}
