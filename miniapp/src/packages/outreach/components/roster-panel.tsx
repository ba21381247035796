import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { Loading, ErrorState, FormError } from '../../../components/state-view'
import { getOutreachRoster, markOutreachAttendance, type OutreachRosterT } from '../../../api/outreach'
import { errorMessage, loadFailure, type LoadFailure } from '../../../api/client'

/** 登记到场: the courtyard's households, tick those present, save (repeatable; each household's points once). */
export default function RosterPanel({ sessionId, onSaved }: { sessionId: string; onSaved: () => void }) {
  const [roster, setRoster] = useState<OutreachRosterT | null>(null)
  const [loadError, setLoadError] = useState<LoadFailure | null>(null)
  const [picked, setPicked] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [saved, setSaved] = useState('')
  const load = () => {
    setLoadError(null)
    getOutreachRoster(sessionId).then(setRoster).catch((e) => setLoadError(loadFailure(e)))
  }
  useEffect(load, [sessionId])

  const toggle = (id: string) => { setSaved(''); setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id])) }
  const save = async () => {
    if (picked.length === 0) { setError('请先勾选到场的住户'); return }
    setBusy(true)
    setError('')
    try {
      const r = await markOutreachAttendance(sessionId, picked)
      setSaved(`已登记 ${r.marked} 户，共 ${r.householdsPresent} 户到场。`)
      setPicked([])
      load()
      onSaved()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (loadError) return <ErrorState {...loadError} panel onRetry={load} />
  if (!roster) return <Loading text='正在加载住户名单…' />
  return (
    <View id='outreach-roster'>
      {roster.households.length === 0 && <Text className='muted'>本院坝还没有住户名册。</Text>}
      {roster.households.map((h) => {
        const on = picked.includes(h.id)
        return (
          <View className='household-tick' key={h.id} data-address={h.address}>
            <Text>{h.address}{h.headName ? ` · ${h.headName}` : ''}</Text>
            {h.present ? <Text className='muted'>已到场</Text> : (
              <ActionButton className={`btn btn--small ${on ? '' : 'btn--ghost'}`} aria-pressed={on} aria-label={`到场 ${h.address}`}
                onClick={() => toggle(h.id)}>{on ? '✓ 到场' : '到场'}</ActionButton>
            )}
          </View>
        )
      })}
      <FormError message={error} id='outreach-roster-error' />
      {saved && <View className='outreach-attended' role='status'><Text>{saved}</Text></View>}
      <ActionButton className='btn' id='outreach-roster-save' disabled={busy || picked.length === 0} loading={busy} onClick={() => void save()}>
        {busy ? '正在保存…' : `登记到场（${picked.length} 户）`}
      </ActionButton>
    </View>
  )
}
