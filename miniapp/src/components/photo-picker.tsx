// The photo picker of 随手拍 and 跟踪落实 (in the main package, which every subpackage may import): photos upload one at a time with progress, a failed one is retried or removed.
import { useRef, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from './action-button'
import { errorMessage } from '../api/client'
import { uploadPhoto } from '../api/uploads'
import './photos.css'

export interface PhotoItem {
  key: string
  localPath: string
  /** 0-100 while uploading */
  progress: number
  uploadId?: string
  error?: string
}

/** local paths of newly taken/picked photos, compressed; weapp: chooseMedia, H5: an <input type=file> */
async function pickPaths(count: number): Promise<string[]> {
  if (process.env.TARO_ENV === 'weapp') {
    const r = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['camera', 'album'] })
    return r.tempFiles.map((f) => f.tempFilePath)
  }
  const r = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  return r.tempFilePaths
}

export const photoIds = (items: PhotoItem[]) => items.filter((p) => p.uploadId).map((p) => p.uploadId!)
export const uploading = (items: PhotoItem[]) => items.some((p) => !p.uploadId && !p.error)

/**
 * Take or pick up to `max` photos; each is uploaded at once with its progress shown, a failed one
 * can be retried or removed. The parent holds the list (it sends the upload ids).
 */
export default function PhotoPicker({ id, items, onChange, max, label }: {
  id: string
  items: PhotoItem[]
  onChange: (updater: (items: PhotoItem[]) => PhotoItem[]) => void
  max: number
  label: string
}) {
  const [pickError, setPickError] = useState('')
  const seq = useRef(0)

  const update = (key: string, patch: Partial<PhotoItem>) => onChange((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)))

  async function send(item: PhotoItem) {
    update(item.key, { progress: 0, error: undefined })
    try {
      const u = await uploadPhoto(item.localPath, (percent) => update(item.key, { progress: Math.min(percent, 99) }))
      update(item.key, { progress: 100, uploadId: u.id })
    } catch (e) {
      update(item.key, { error: errorMessage(e) })
    }
  }

  async function choose() {
    setPickError('')
    const room = max - items.length
    if (room <= 0) return
    let paths: string[]
    try {
      paths = (await pickPaths(room)).slice(0, room)
    } catch (e) {
      const msg = (e as { errMsg?: string })?.errMsg ?? ''
      if (!/cancel/i.test(msg)) setPickError('无法打开相机或相册，请检查权限后重试')
      return
    }
    const added = paths.map((localPath) => ({ key: `p${++seq.current}-${Date.now()}`, localPath, progress: 0 }))
    onChange((list) => [...list, ...added])
    // one at a time: a weak mobile connection does better with one upload in flight
    for (const item of added) await send(item)
  }

  const busy = uploading(items)
  const done = photoIds(items).length
  return (
    <View className='field' id={id}>
      <Text className='field__label'>{label}（{items.length}/{max}）</Text>
      {items.length > 0 && (
        <View className='photos'>
          {items.map((p, i) => (
            <View className='photos__item' key={p.key} id={`${id}-item-${i}`}>
              <Image className='photos__img' src={p.localPath} mode='aspectFill' />
              {!p.uploadId && (
                <View className={`photos__progress ${p.error ? 'photos__error' : ''}`} role='status'>
                  {p.error ? '上传失败' : `上传中 ${p.progress}%`}
                </View>
              )}
              {(p.uploadId || p.error) && (
                <ActionButton className='photos__remove' aria-label={`删除第${i + 1}张照片`}
                  onClick={() => onChange((list) => list.filter((x) => x.key !== p.key))}>删除</ActionButton>
              )}
              {p.error && (
                <ActionButton className='btn btn--small' aria-label={`重新上传第${i + 1}张照片`} onClick={() => send(p)}>重传</ActionButton>
              )}
            </View>
          ))}
        </View>
      )}
      {busy && <View className='photo-picker__progress' id={`${id}-progress`} role='status'>正在上传照片（已完成 {done}/{items.length}）…</View>}
      {pickError && <View className='field__help' role='alert'>{pickError}</View>}
      {items.length < max && (
        <ActionButton className='btn btn--ghost' id={`${id}-add`} disabled={busy} onClick={choose}>
          {items.length === 0 ? '拍照 / 从相册选择' : '再加一张'}
        </ActionButton>
      )}
    </View>
  )
}
