import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { errorMessage } from '../../../api/client'
import { createDepartment, updateDepartment, type DepartmentT } from '../../../api/reports'
import { useDepartmentUnits } from './department-units'

type Draft = { name: string; unitId: string; contact: string }

function DepartmentForm({ idPrefix, communityId, initial, busy, submitLabel, onSubmit, onCancel }: {
  idPrefix: string; communityId: string; initial: Draft; busy: boolean; submitLabel: string
  onSubmit: (d: Draft) => Promise<void>; onCancel: () => void
}) {
  const { units, error: loadError } = useDepartmentUnits(communityId)
  const [d, setD] = useState(initial)
  const [error, setError] = useState('')
  const submit = async () => {
    if (!d.name.trim()) return setError('请填写部门名称')
    if (!d.unitId) return setError('请选择派单送达的单位')
    setError('')
    try { await onSubmit({ ...d, name: d.name.trim(), contact: d.contact.trim() }) } catch (e) { setError(errorMessage(e)) }
  }
  return (
    <View className='reports__panel' id={`${idPrefix}-form`}>
      <View className='field'>
        <Text className='field__label'>部门名称</Text>
        <Input className='field__input' id={`${idPrefix}-name`} value={d.name} maxlength={40} onInput={(e) => setD({ ...d, name: e.detail.value })} />
      </View>
      <Text className='field__label'>派单送达的单位</Text>
      <Text className='field__help'>该部门工作人员在哪个单位有“职能部门”身份，派单就送到哪里。</Text>
      {units === null && !loadError && <View className='muted' role='status'>正在加载单位…</View>}
      {loadError && <View className='muted' role='alert'>{loadError}</View>}
      <View className='choice-row'>
        {units?.map((u) => (
          <ActionButton key={u.id} aria-pressed={d.unitId === u.id} className={`btn btn--small ${d.unitId === u.id ? '' : 'btn--ghost'}`}
            id={`${idPrefix}-unit-${u.id}`} onClick={() => setD({ ...d, unitId: u.id })}>{u.name}</ActionButton>
        ))}
      </View>
      <View className='field'>
        <Text className='field__label'>联系方式（选填）</Text>
        <Input className='field__input' id={`${idPrefix}-contact`} value={d.contact} maxlength={100} onInput={(e) => setD({ ...d, contact: e.detail.value })} />
      </View>
      <FormError message={error} id={`${idPrefix}-error`} />
      <View className='choice-row'>
        <ActionButton className='btn btn--small' id={`${idPrefix}-save`} disabled={busy} loading={busy} onClick={() => void submit()}>{submitLabel}</ActionButton>
        <ActionButton className='btn btn--small btn--ghost' onClick={onCancel}>取消</ActionButton>
      </View>
    </View>
  )
}

/** 职能部门名录: what the 派单 form offers in this community. */
export default function DepartmentSettings({ communityId, items, onChanged }: { communityId: string; items: DepartmentT[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)
  const [busy, setBusy] = useState('')
  const [error, setError] = useState('')
  const run = async (key: string, f: () => Promise<unknown>) => {
    setBusy(key)
    try { await f(); onChanged() } finally { setBusy('') }
  }
  return (
    <View id='department-settings'>
      <View role='heading' aria-level={2} className='reports__section-title'><Text>职能部门</Text></View>
      <Text className='hint'>网格员、管理员派单时从这里选择部门。</Text>
      <FormError message={error} id='department-error' />
      {items.length === 0 && !adding && <Text className='muted' id='department-empty'>还没有登记部门。派单时将列出街道及其下属单位。</Text>}
      {items.map((d) => (
        <View className='card reports__item' key={d.id} id={`department-${d.id}`}>
          <View className='reports__item-head'>
            <Text className='card__title'>{d.name}</Text>
            {!d.active && <Text className='tag'>已停用</Text>}
          </View>
          <Text className='muted'>送达：{d.unitName}{d.contact ? ` · ${d.contact}` : ''}</Text>
          {editing === d.id ? (
            <DepartmentForm idPrefix={`department-${d.id}-edit`} communityId={communityId} initial={{ name: d.name, unitId: d.unitId, contact: d.contact ?? '' }}
              busy={busy === `edit-${d.id}`} submitLabel='保存' onCancel={() => setEditing(null)}
              onSubmit={(v) => run(`edit-${d.id}`, () => updateDepartment(d.id, { name: v.name, unitId: v.unitId, contact: v.contact || null })).then(() => setEditing(null))} />
          ) : (
            <View className='choice-row'>
              <ActionButton className='btn btn--small btn--ghost' id={`department-${d.id}-edit`} onClick={() => setEditing(d.id)}>修改</ActionButton>
              <ActionButton className='btn btn--small btn--ghost' id={`department-${d.id}-toggle`} disabled={!!busy} loading={busy === `toggle-${d.id}`}
                onClick={() => { setError(''); run(`toggle-${d.id}`, () => updateDepartment(d.id, { active: !d.active })).catch((e) => setError(errorMessage(e))) }}>
                {d.active ? '停用' : '启用'}
              </ActionButton>
            </View>
          )}
        </View>
      ))}
      {adding ? (
        <DepartmentForm idPrefix='department-new' communityId={communityId} initial={{ name: '', unitId: '', contact: '' }} busy={busy === 'new'} submitLabel='添加部门'
          onCancel={() => setAdding(false)}
          onSubmit={(v) => run('new', () => createDepartment(communityId, { name: v.name, unitId: v.unitId, contact: v.contact || undefined })).then(() => setAdding(false))} />
      ) : (
        <ActionButton className='btn btn--ghost' id='department-add' onClick={() => setAdding(true)}>新增部门</ActionButton>
      )}
    </View>
  )
}
