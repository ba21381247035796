import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { OUTREACH_LIMITS as L } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import PhotoPicker, { photoIds, uploading, type PhotoItem } from '../../../components/photo-picker'
import { recordOutreachSession, type OutreachSessionT } from '../../../api/outreach'
import { errorMessage } from '../../../api/client'

/** 宣讲记录: a short record and photos after the session; saving also posts 宣讲纪实 on the board. */
export default function RecordForm({ sessionId, onSaved }: { sessionId: string; onSaved: (s: OutreachSessionT) => void }) {
  const [record, setRecord] = useState('')
  const [photos, setPhotos] = useState<PhotoItem[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const save = async () => {
    if (!record.trim()) { setError('请写几句宣讲的内容和反响'); return }
    if (uploading(photos)) { setError('照片还在上传，请稍候'); return }
    setBusy(true)
    setError('')
    try {
      onSaved(await recordOutreachSession(sessionId, { record: record.trim(), photoIds: photoIds(photos) }))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View id='outreach-record-form'>
      <Textarea className='outreach-textarea' id='outreach-record-input' aria-label='宣讲记录' value={record} maxlength={L.recordMax}
        placeholder='讲了什么、居民问了什么、有什么反响' onInput={(e) => { setRecord(e.detail.value); setError('') }} />
      <Text className='field__help'>保存后在公示栏发布“宣讲纪实”（只写到场户数，不写住户）。</Text>
      <PhotoPicker id='outreach-photos' label='现场照片' items={photos} onChange={(fn) => setPhotos(fn)} max={L.photosMax} />
      <FormError message={error} id='outreach-record-error' />
      <ActionButton className='btn' id='outreach-record-save' disabled={busy || uploading(photos)} loading={busy} onClick={() => void save()}>
        {busy ? '正在保存…' : '保存记录并公示'}
      </ActionButton>
    </View>
  )
}
