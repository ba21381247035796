import { useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PUBLICITY_LIMITS, RatingLabel, RatingValue, type RatingValue as RatingValueT } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { errorMessage } from '../../../api/client'
import { addCost, postUpdate, rateItem, yuanToFen, type TrackedItemT } from '../../../api/publicity'
import PhotoPicker, { photoIds, uploading, type PhotoItem } from '../../../components/photo-picker'
import { useConfirm } from '../../../components/confirm'
import { numberText } from '../../../number-text'

type Done = (item: TrackedItemT) => void

/** progress: a note, a percentage and photos; a planned item with progress starts (实施中) */
export function ProgressForm({ item, onDone }: { item: TrackedItemT; onDone: Done }) {
  const [note, setNote] = useState('')
  const [progress, setProgress] = useState(String(item.progress))
  const [photos, setPhotos] = useState<PhotoItem[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  async function send() {
    const p = /^\d{1,3}$/.test(progress.trim()) ? Number(progress.trim()) : NaN
    if (!note.trim()) return setError('请写一句进展，例如“水泥已进场”')
    if (!(p >= 0 && p <= 100)) return setError('进度请填写 0 到 100 之间的整数')
    if (p === 100) return setError('全部完工请用下方“标记完工”，并附完工照片')
    if (uploading(photos)) return setError('照片还在上传，请稍候')
    setBusy(true)
    setError('')
    try {
      onDone(await postUpdate(item.id, {
        note: note.trim(), progress: p, photoIds: photoIds(photos), status: item.status === 'planned' && p > 0 ? 'in_progress' : undefined,
      }))
      setNote('')
      setPhotos([])
      Taro.showToast({ title: '进度已更新', icon: 'success' }).catch(() => undefined)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='item-progress-form'>
      <Text className='card__title'>更新进度</Text>
      <View className='field'>
        <Text className='field__label'>进展</Text>
        <Textarea className='board__textarea' id='progress-note' aria-label='进展说明' value={note} maxlength={PUBLICITY_LIMITS.textMax} onInput={(e) => setNote(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field__label'>完成进度（%）</Text>
        <Input className='field__input' id='progress-percent' type='number' value={progress} onInput={(e) => setProgress(numberText(e.detail.value))} />
      </View>
      <PhotoPicker id='progress-photos' label='现场照片' items={photos} onChange={setPhotos} max={PUBLICITY_LIMITS.photosMax} />
      <FormError message={error} id='progress-error' />
      <ActionButton className='btn' id='progress-submit' loading={busy} disabled={busy || uploading(photos)} onClick={send}>{busy ? '正在提交…' : '提交进度'}</ActionButton>
    </View>
  )
}

/** an actual cost with its receipt photo, in yuan (sent as fen) */
export function CostForm({ item, onDone }: { item: TrackedItemT; onDone: Done }) {
  const [amount, setAmount] = useState('')
  const [description, setDescription] = useState('')
  const [photos, setPhotos] = useState<PhotoItem[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  async function send() {
    const fen = yuanToFen(amount)
    if (fen === null || fen <= 0) return setError('金额请填写大于 0 的元数，最多两位小数，例如 420 或 86.50')
    if (!description.trim()) return setError('请写明这笔钱花在哪里，例如“水泥10袋”')
    if (photoIds(photos).length === 0) return setError(uploading(photos) ? '票据照片还在上传，请稍候' : '请拍一张票据（发票或收据）照片')
    if (uploading(photos)) return setError('照片还在上传，请稍候')
    setBusy(true)
    setError('')
    try {
      onDone(await addCost(item.id, { amountFen: fen, description: description.trim(), receiptPhotoIds: photoIds(photos) }))
      setAmount('')
      setDescription('')
      setPhotos([])
      Taro.showToast({ title: '费用已登记', icon: 'success' }).catch(() => undefined)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='item-cost-form'>
      <Text className='card__title'>登记费用</Text>
      <View className='field'>
        <Text className='field__label'>金额（元）</Text>
        <Input className='field__input' id='cost-amount' type='digit' placeholder='例如 420' value={amount} onInput={(e) => setAmount(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field__label'>用途</Text>
        <Input className='field__input' id='cost-description' placeholder='例如：水泥10袋' maxlength={500} value={description} onInput={(e) => setDescription(e.detail.value)} />
      </View>
      <PhotoPicker id='cost-photos' label='票据照片' items={photos} onChange={setPhotos} max={PUBLICITY_LIMITS.photosMax} />
      <FormError message={error} id='cost-error' />
      <ActionButton className='btn' id='cost-submit' loading={busy} disabled={busy || uploading(photos)} onClick={send}>{busy ? '正在提交…' : '登记费用'}</ActionButton>
    </View>
  )
}

/** completion: after photos; the server sets 100% and puts the result on the board for objections */
export function CompleteForm({ item, onDone }: { item: TrackedItemT; onDone: Done }) {
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<PhotoItem[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [confirmDialog, confirm] = useConfirm()
  async function send() {
    if (photoIds(photos).length === 0) return setError(uploading(photos) ? '完工照片还在上传，请稍候' : '请至少拍一张完工后的照片')
    if (uploading(photos)) return setError('照片还在上传，请稍候')
    // 完工 cannot be taken back: it closes the work and puts the result on the board
    const ok = await confirm({
      title: '确认完工',
      lines: [{ label: '事项', value: item.title }, { label: '完工说明', value: note.trim() || '已完工' }, { label: '完工照片', value: `${photoIds(photos).length} 张` }],
      note: `完工后不能再登记进度和费用，结果将公示 ${PUBLICITY_LIMITS.defaultWindowDays} 天。`,
      confirmText: '确认完工',
    })
    if (!ok) return
    setBusy(true)
    setError('')
    try {
      onDone(await postUpdate(item.id, { note: note.trim() || '已完工', status: 'completed', photoIds: photoIds(photos) }))
      Taro.showToast({ title: '已完工并公示', icon: 'success' }).catch(() => undefined)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='item-complete-form'>
      <Text className='card__title'>标记完工</Text>
      <Text className='muted'>完工后，维修结果（含费用明细）自动在公示栏公示 {PUBLICITY_LIMITS.defaultWindowDays} 天，住户可提出异议、评价满意度。请先登记完所有费用。</Text>
      <View className='field'>
        <Text className='field__label'>完工说明（选填）</Text>
        <Input className='field__input' id='complete-note' placeholder='例如：路面已修补平整' maxlength={PUBLICITY_LIMITS.textMax} value={note} onInput={(e) => setNote(e.detail.value)} />
      </View>
      <PhotoPicker id='complete-photos' label='完工照片' items={photos} onChange={setPhotos} max={PUBLICITY_LIMITS.photosMax} />
      <FormError message={error} id='complete-error' />
      <ActionButton className='btn' id='complete-submit' loading={busy} disabled={busy || uploading(photos)} onClick={send}>{busy ? '正在提交…' : '标记完工'}</ActionButton>
      {confirmDialog}
    </View>
  )
}

/** an admin closes a completed item once the ratings are in (已评价): nothing changes on it afterwards */
export function EvaluateForm({ item, onDone }: { item: TrackedItemT; onDone: Done }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  async function send() {
    const r = item.ratings
    setBusy(true)
    setError('')
    try {
      onDone(await postUpdate(item.id, {
        note: `评价归档：${r.total} 户评价，满意 ${r.satisfied}、基本满意 ${r.basically_satisfied}、不满意 ${r.dissatisfied}`, status: 'evaluated', photoIds: [],
      }))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='item-evaluate'>
      <Text className='card__title'>评价归档</Text>
      <Text className='muted'>住户评价收齐后归档为“已评价”，之后不能再修改进度和费用。</Text>
      <FormError message={error} id='evaluate-error' />
      <ActionButton className='btn btn--ghost' id='evaluate-submit' loading={busy} disabled={busy} onClick={send}>归档为已评价</ActionButton>
    </View>
  )
}

/** a household's one rating, after completion */
export function RatingForm({ item, onDone }: { item: TrackedItemT; onDone: () => void }) {
  const [busy, setBusy] = useState<RatingValueT | ''>('')
  const [error, setError] = useState('')
  async function rate(r: RatingValueT) {
    setBusy(r)
    setError('')
    try {
      await rateItem(item.id, r)
      onDone()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy('')
    }
  }
  return (
    <View className='card' id='item-rate'>
      <Text className='card__title'>您家对结果满意吗？</Text>
      <Text className='muted'>每户评价一次，评价结果计入社区满意率。</Text>
      <View className='choice-row'>
        {RatingValue.options.map((r) => (
          <ActionButton key={r} id={`rate-${r}`} className={`btn btn--small ${r === 'dissatisfied' ? 'btn--ghost' : ''}`}
            loading={busy === r} disabled={!!busy} onClick={() => rate(r)}>{RatingLabel[r]}</ActionButton>
        ))}
      </View>
      <FormError message={error} id='rate-error' />
    </View>
  )
}
