import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { listDepartments, type DepartmentT, type ReportT } from '../../../api/reports'
import { useDepartmentUnits } from './department-units'

const DAYS = [1, 3, 7] as const

type Choice = { key: string; unitId: string; label: string }

/**
 * Dispatch to a department: the community's department directory (上报设置) when it has any;
 * otherwise the street above the community and the street's units (where department staff hold their role).
 */
export default function DispatchForm({ report, busy, onSubmit, onError, idPrefix }: {
  report: ReportT
  busy: boolean
  onSubmit: (b: { departmentUnitId: string; deadline: string; note?: string }) => void
  onError: (m: string) => void
  idPrefix: string
}) {
  const { units, error: unitsError } = useDepartmentUnits(report.communityId)
  const [directory, setDirectory] = useState<DepartmentT[] | null>(null)
  const [dept, setDept] = useState('')
  const [days, setDays] = useState<number>(3)
  const [note, setNote] = useState('')
  useEffect(() => {
    listDepartments(report.communityId).then((r) => setDirectory(r.items.filter((d) => d.active))).catch(() => setDirectory([]))
  }, [report.communityId])
  const choices: Choice[] | null = directory === null ? null
    : directory.length > 0 ? directory.map((d) => ({ key: d.id, unitId: d.unitId, label: d.name }))
      : units?.map((u) => ({ key: u.id, unitId: u.id, label: u.name })) ?? null
  const loadError = directory !== null && directory.length === 0 ? unitsError : ''
  const chosen = choices?.find((c) => c.key === dept)
  return (
    <View className='reports__panel' id={`${idPrefix}-form-dispatch`}>
      <Text className='field__label'>派给哪个部门</Text>
      {choices === null && !loadError && <View className='muted' role='status'>正在加载部门…</View>}
      {loadError && <View className='muted' role='alert'>{loadError}</View>}
      <View className='choice-row'>
        {choices?.map((c) => (
          <ActionButton key={c.key} aria-pressed={dept === c.key} className={`btn btn--small ${dept === c.key ? '' : 'btn--ghost'}`}
            onClick={() => setDept(c.key)}>{c.label}</ActionButton>
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
        if (!chosen) return onError('请选择部门')
        onSubmit({ departmentUnitId: chosen.unitId, deadline: new Date(Date.now() + days * 86400000).toISOString(), note: note.trim() || undefined })
      }}>派单</ActionButton>
    </View>
  )
}
