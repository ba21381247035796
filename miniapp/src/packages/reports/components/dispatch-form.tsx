import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { errorMessage } from '../../../api/client'
import { getUnit, getUnitChildren, type UnitT } from '../../../api/org'
import type { ReportT } from '../../../api/reports'

const DAYS = [1, 3, 7] as const

/**
 * Dispatch to a department. There is no department directory in the API yet, so the choices are
 * the street above the community and the street's units (where department staff hold their role).
 */
export default function DispatchForm({ report, busy, onSubmit, onError, idPrefix }: {
  report: ReportT
  busy: boolean
  onSubmit: (b: { departmentUnitId: string; deadline: string; note?: string }) => void
  onError: (m: string) => void
  idPrefix: string
}) {
  const [units, setUnits] = useState<UnitT[] | null>(null)
  const [loadError, setLoadError] = useState('')
  const [dept, setDept] = useState('')
  const [days, setDays] = useState<number>(3)
  const [note, setNote] = useState('')
  useEffect(() => {
    (async () => {
      const community = await getUnit(report.communityId)
      if (!community.parentId) return [community]
      const street = await getUnit(community.parentId)
      const children = await getUnitChildren(street.id).then((r) => r.items).catch(() => [] as UnitT[])
      return [street, ...children.filter((c) => c.id !== community.id)]
    })().then(setUnits).catch((e) => setLoadError(errorMessage(e)))
  }, [report.communityId])
  return (
    <View className='reports__panel' id={`${idPrefix}-form-dispatch`}>
      <Text className='field__label'>派给哪个部门</Text>
      {units === null && !loadError && <View className='muted' role='status'>正在加载部门…</View>}
      {loadError && <View className='muted' role='alert'>{loadError}</View>}
      <View className='choice-row'>
        {units?.map((u) => (
          <ActionButton key={u.id} aria-pressed={dept === u.id} className={`btn btn--small ${dept === u.id ? '' : 'btn--ghost'}`}
            onClick={() => setDept(u.id)}>{u.name}</ActionButton>
        ))}
      </View>
      <Text className='field__label'>办理期限</Text>
      <View className='choice-row'>
        {DAYS.map((d) => (
          <ActionButton key={d} aria-pressed={days === d} className={`btn btn--small ${days === d ? '' : 'btn--ghost'}`}
            onClick={() => setDays(d)}>{d} 天内</ActionButton>
        ))}
      </View>
      <View className='field'>
        <Text className='field__label'>交办说明（选填）</Text>
        <Input className='field__input' value={note} onInput={(e) => setNote(e.detail.value)} />
      </View>
      <ActionButton className='btn' id={`${idPrefix}-dispatch-submit`} disabled={busy} loading={busy} onClick={() => {
        if (!dept) return onError('请选择部门')
        onSubmit({ departmentUnitId: dept, deadline: new Date(Date.now() + days * 86400000).toISOString(), note: note.trim() || undefined })
      }}>派单</ActionButton>
    </View>
  )
}
