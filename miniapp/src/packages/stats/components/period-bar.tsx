import { useState } from 'react'
import { View, Text, Picker } from '@tarojs/components'
// Dates and times: Taro's Picker, not NutUI's DatePicker — in weapp it opens WeChat's own native
// wheel (the one people know from WeChat, sized by the system), where NutUI draws a wheel in the page.
import ActionButton from '../../../components/action-button'
import Chips from '../../../components/chips'
import { FormError } from '../../../components/state-view'
import { customPeriodError, defaultGranularity, presetPeriod, PRESET_LABEL, type Granularity, type Period, type PeriodPreset } from '../period'

const PRESETS: PeriodPreset[] = ['month', 'quarter', 'year', 'custom']

/** 本月 / 本季度 / 本年 / 自定义 (two dates and 查询), and 按周 / 按月 for the trend charts */
export default function PeriodBar({ period, onChange, now }: { period: Period; onChange: (p: Period) => void; now?: Date }) {
  const [custom, setCustom] = useState(period.preset === 'custom')
  const [from, setFrom] = useState(period.from)
  const [to, setTo] = useState(period.to)
  const [error, setError] = useState('')
  const pick = (preset: PeriodPreset) => {
    setError('')
    // 自定义 starts from the period on screen
    if (preset === 'custom') { setFrom(period.from); setTo(period.to); return setCustom(true) }
    setCustom(false)
    onChange(presetPeriod(preset, now))
  }
  const applyCustom = () => {
    const e = customPeriodError(from, to)
    setError(e)
    if (!e) onChange({ preset: 'custom', from, to, granularity: defaultGranularity(from, to) })
  }
  return (
    <View className='card stats-period' id='stats-period'>
      <Chips id='stats-preset' value={custom ? 'custom' : period.preset} onChange={pick}
        options={PRESETS.map((p) => ({ value: p, label: PRESET_LABEL[p] }))} />
      {custom && (
        <View className='stats-period__custom'>
          <View className='stats-period__dates'>
            <Picker mode='date' value={from} onChange={(e) => setFrom(String(e.detail.value))}>
              <Text className='stats-period__date' id='stats-from'>{from || '开始日期'}</Text>
            </Picker>
            <Text className='muted'> 至 </Text>
            <Picker mode='date' value={to} onChange={(e) => setTo(String(e.detail.value))}>
              <Text className='stats-period__date' id='stats-to'>{to || '结束日期'}</Text>
            </Picker>
          </View>
          <FormError message={error} id='stats-period-error' />
          <ActionButton className='btn' id='stats-custom-apply' onClick={applyCustom}>查询</ActionButton>
        </View>
      )}
      <Chips<Granularity> id='stats-granularity' value={period.granularity} onChange={(g) => onChange({ ...period, granularity: g })}
        options={[{ value: 'week', label: '按周' }, { value: 'month', label: '按月' }]} />
    </View>
  )
}
