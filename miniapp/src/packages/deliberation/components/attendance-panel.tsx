import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { recordAttendance, type MeetingT } from '../../../api/deliberation'
import { listHouseholds, type HouseholdT } from '../../../api/org'
import { errorMessage } from '../../../api/client'

/** 签到: find households of the meeting's unit, mark those present, save (repeatable; points once per household). */
export default function AttendancePanel({ meeting, onSaved }: { meeting: MeetingT; onSaved: (m: MeetingT) => void }) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<HouseholdT[] | null>(null)
  const [picked, setPicked] = useState<Map<string, string>>(new Map())
  const [searching, setSearching] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const present = new Set(meeting.attendance.households.map((h) => h.householdId))

  const search = async () => {
    setSearching(true)
    setError('')
    try {
      setFound((await listHouseholds(meeting.unitId, q.trim() || undefined)).items)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSearching(false)
    }
  }
  const toggle = (h: HouseholdT) => setPicked((m) => {
    const next = new Map(m)
    if (next.has(h.id)) next.delete(h.id)
    else next.set(h.id, h.address)
    return next
  })
  const save = async () => {
    if (picked.size === 0) { setError('请先选择到会的住户'); return }
    setBusy(true)
    setError('')
    try {
      onSaved(await recordAttendance(meeting.id, { householdIds: [...picked.keys()] }))
      setPicked(new Map())
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='attendance-panel'>
      <View className='inline-row'>
        <Input className='field__input' id='attendance-search' aria-label='按门牌或户主查找住户' value={q} placeholder='门牌号或户主姓名'
          onInput={(e) => setQ(e.detail.value)} onConfirm={() => void search()} />
        <ActionButton className='btn btn--small' id='attendance-search-btn' disabled={searching} loading={searching} onClick={() => void search()}>查找</ActionButton>
      </View>
      <Text className='hint'>不填直接点查找，列出全部住户。</Text>
      {found && (found.length === 0 ? <Text className='muted'>没有找到住户。</Text> : found.map((h) => {
        const on = picked.has(h.id)
        const already = present.has(h.id)
        return (
          <View className='household-pick' key={h.id} data-address={h.address}>
            <Text>{h.address}{h.headName ? ` · ${h.headName}` : ''}</Text>
            {already ? <Text className='muted'>已签到</Text> : (
              <ActionButton className={`btn btn--small ${on ? '' : 'btn--ghost'}`} aria-pressed={on} aria-label={`到会 ${h.address}`}
                onClick={() => toggle(h)}>{on ? '✓ 到会' : '到会'}</ActionButton>
            )}
          </View>
        )
      }))}
      <FormError message={error} id='attendance-error' />
      <ActionButton className='btn' id='attendance-save' disabled={busy || picked.size === 0} loading={busy} onClick={() => void save()}>
        {busy ? '正在保存…' : `登记到会（${picked.size} 户）`}
      </ActionButton>
    </View>
  )
}
