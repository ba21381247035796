import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { errorMessage } from '../../../api/client'
import { listNearby, type NearbyReportT, type ReportT } from '../../../api/reports'
import { statusLabel } from '../report-text'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** pick the earlier report this one repeats: nearby open ones of the same category, or an id */
export default function DuplicatePicker({ report, busy, onPick, idPrefix }: {
  report: ReportT; busy: boolean; onPick: (id: string) => void; idPrefix: string
}) {
  const [items, setItems] = useState<NearbyReportT[] | null>(null)
  const [loadError, setLoadError] = useState('')
  const [manual, setManual] = useState('')
  const [manualError, setManualError] = useState('')
  useEffect(() => {
    listNearby({ lat: report.lat, lng: report.lng, coordSystem: 'wgs84', category: report.category, radius: 500 })
      .then((r) => setItems(r.items.filter((x) => x.id !== report.id)))
      .catch((e) => setLoadError(errorMessage(e)))
  }, [report.id])
  return (
    <View className='reports__panel' id={`${idPrefix}-form-mark_duplicate`}>
      <Text className='field__label'>这条上报与哪一条重复？</Text>
      {items === null && !loadError && <View className='muted' role='status'>正在查找附近同类上报…</View>}
      {loadError && <View className='muted' role='alert'>{loadError}</View>}
      {items?.length === 0 && <Text className='muted'>附近 500 米内没有其他同类未办结上报。</Text>}
      {items?.map((n) => (
        <View className='row' key={n.id}>
          <Text className='row__label'>{n.description ?? '（内容审核中）'} · {statusLabel(n.status)} · {n.distance} 米</Text>
          <ActionButton className='btn btn--small' disabled={busy} onClick={() => onPick(n.id)}>选这条</ActionButton>
        </View>
      ))}
      <View className='field'>
        <Text className='field__label'>或填写重复的上报编号</Text>
        <Input className='field__input' id={`${idPrefix}-duplicate-of`} value={manual} onInput={(e) => setManual(e.detail.value)} />
      </View>
      {manualError && <View className='field__help' role='alert'>{manualError}</View>}
      <ActionButton className='btn' disabled={busy} loading={busy} id={`${idPrefix}-duplicate-submit`} onClick={() => {
        if (!UUID.test(manual.trim())) return setManualError('编号格式不对，请从上报详情复制')
        setManualError('')
        onPick(manual.trim())
      }}>标为重复</ActionButton>
    </View>
  )
}
