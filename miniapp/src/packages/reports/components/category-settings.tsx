import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { errorMessage } from '../../../api/client'
import { createCategory, updateCategory, type CategorySettingT } from '../../../api/reports'

type Draft = { name: string; acceptHours: string; resolveDays: string }
const toDraft = (c?: CategorySettingT): Draft => ({ name: c?.name ?? '', acceptHours: String(c?.acceptHours ?? 24), resolveDays: String(c?.resolveDays ?? 3) })

/** The draft as numbers, or the first problem in words. */
function parse(d: Draft): { name: string; acceptHours: number; resolveDays: number } | string {
  const name = d.name.trim()
  if (!name) return '请填写类别名称'
  if (name.length > 20) return '类别名称不超过 20 个字'
  const acceptHours = Number(d.acceptHours)
  if (!Number.isInteger(acceptHours) || acceptHours < 1 || acceptHours > 720) return '受理时限请填 1 到 720 之间的整数（小时）'
  const resolveDays = Number(d.resolveDays)
  if (!Number.isInteger(resolveDays) || resolveDays < 1 || resolveDays > 365) return '办结时限请填 1 到 365 之间的整数（天）'
  return { name, acceptHours, resolveDays }
}

function CategoryForm({ idPrefix, initial, busy, submitLabel, onSubmit, onCancel }: {
  idPrefix: string; initial: Draft; busy: boolean; submitLabel: string
  onSubmit: (v: { name: string; acceptHours: number; resolveDays: number }) => Promise<void>; onCancel?: () => void
}) {
  const [d, setD] = useState(initial)
  const [error, setError] = useState('')
  const submit = async () => {
    const v = parse(d)
    if (typeof v === 'string') return setError(v)
    setError('')
    try { await onSubmit(v) } catch (e) { setError(errorMessage(e)) }
  }
  return (
    <View className='reports__panel' id={`${idPrefix}-form`}>
      <View className='field'>
        <Text className='field__label'>类别名称</Text>
        <Input className='field__input' id={`${idPrefix}-name`} value={d.name} maxlength={20} onInput={(e) => setD({ ...d, name: e.detail.value })} />
      </View>
      <View className='field'>
        <Text className='field__label'>受理时限（小时）</Text>
        <Input className='field__input' id={`${idPrefix}-accept`} type='number' value={d.acceptHours} onInput={(e) => setD({ ...d, acceptHours: e.detail.value })} />
        <Text className='field__help'>上报后多少小时内须受理，超时升级督办</Text>
      </View>
      <View className='field'>
        <Text className='field__label'>办结时限（天）</Text>
        <Input className='field__input' id={`${idPrefix}-resolve`} type='number' value={d.resolveDays} onInput={(e) => setD({ ...d, resolveDays: e.detail.value })} />
        <Text className='field__help'>受理后多少天内须办结</Text>
      </View>
      <FormError message={error} id={`${idPrefix}-error`} />
      <View className='choice-row'>
        <ActionButton className='btn btn--small' id={`${idPrefix}-save`} disabled={busy} loading={busy} onClick={() => void submit()}>{submitLabel}</ActionButton>
        {onCancel && <ActionButton className='btn btn--small btn--ghost' onClick={onCancel}>取消</ActionButton>}
      </View>
    </View>
  )
}

/** 问题类别及时限: the community's categories; defaults change for this community only. */
export default function CategorySettings({ communityId, items, onChanged }: { communityId: string; items: CategorySettingT[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)
  const [busy, setBusy] = useState('')
  const [error, setError] = useState('')
  const run = async (key: string, f: () => Promise<unknown>) => {
    setBusy(key)
    try { await f(); onChanged() } finally { setBusy('') }
  }
  const toggle = (c: CategorySettingT) => {
    setError('')
    run(`toggle-${c.code}`, () => updateCategory(c.code, { communityId, active: !c.active })).catch((e) => setError(errorMessage(e)))
  }
  return (
    <View id='category-settings'>
      <View role='heading' aria-level={2} className='reports__section-title'><Text>问题类别及办理时限</Text></View>
      <Text className='hint'>默认类别的修改只对本社区生效。停用后居民不能再选，已有上报不受影响。</Text>
      <FormError message={error} id='category-error' />
      {items.map((c) => (
        <View className='card reports__item' key={c.code} id={`category-${c.code}`}>
          <View className='reports__item-head'>
            <Text className='card__title'>{c.name}</Text>
            <View>
              {c.custom && <Text className='tag'>本社区</Text>}
              {!c.active && <Text className='tag' id={`category-${c.code}-off`}>已停用</Text>}
            </View>
          </View>
          <Text className='muted' id={`category-${c.code}-sla`}>受理 {c.acceptHours} 小时内 · 办结 {c.resolveDays} 天内</Text>
          {editing === c.code ? (
            <CategoryForm idPrefix={`category-${c.code}-edit`} initial={toDraft(c)} busy={busy === `edit-${c.code}`} submitLabel='保存'
              onCancel={() => setEditing(null)}
              onSubmit={(v) => run(`edit-${c.code}`, () => updateCategory(c.code, { communityId, ...v })).then(() => setEditing(null))} />
          ) : (
            <View className='choice-row'>
              <ActionButton className='btn btn--small btn--ghost' id={`category-${c.code}-edit`} onClick={() => setEditing(c.code)}>修改</ActionButton>
              <ActionButton className='btn btn--small btn--ghost' id={`category-${c.code}-toggle`} disabled={!!busy} loading={busy === `toggle-${c.code}`}
                onClick={() => toggle(c)}>{c.active ? '停用' : '启用'}</ActionButton>
            </View>
          )}
        </View>
      ))}
      {adding ? (
        <CategoryForm idPrefix='category-new' initial={toDraft()} busy={busy === 'new'} submitLabel='添加类别' onCancel={() => setAdding(false)}
          onSubmit={(v) => run('new', () => createCategory({ communityId, ...v })).then(() => setAdding(false))} />
      ) : (
        <ActionButton className='btn btn--ghost' id='category-add' onClick={() => setAdding(true)}>新增类别</ActionButton>
      )}
    </View>
  )
}
