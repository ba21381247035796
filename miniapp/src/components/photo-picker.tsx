// The photo picker of 随手拍 and 跟踪落实 (in the main package, which every subpackage may import): photos upload one at a time with progress, a failed one is retried or removed.
// Kept rather than NutUI's Uploader: that one posts files itself (its own url/headers), while ours goes through
// api/uploads (token refresh, the server's Chinese refusals), asks WeChat's privacy consent first, retries one
// photo at a time and takes the photos handed over by the 随手拍 tab.
import { useEffect, useRef, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from './action-button'
import { errorMessage } from '../api/client'
import { uploadPhoto } from '../api/uploads'
import { requirePrivacy } from '../privacy'
import './photos.css'
// after photos.css: every page then loads the two style sheets in one order
import PrivacySheet from './privacy-sheet'

export interface PhotoItem {
  key: string
  localPath: string
  /** 0-100 while uploading */
  progress: number
  uploadId?: string
  error?: string
}

type Source = 'camera' | 'album'

/**
 * Local paths of newly taken/picked photos, compressed; weapp: chooseMedia, H5: an <input type=file>.
 * One source opens it directly (a rider's 拍照上报: the camera, no 拍照/相册 question first).
 * WeChat's privacy consent comes first (privacy.ts).
 */
export async function pickPaths(count: number, sources: Source[] = ['camera', 'album']): Promise<string[]> {
  await requirePrivacy()
  if (process.env.TARO_ENV === 'weapp') {
    const r = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: sources })
    return r.tempFiles.map((f) => f.tempFilePath)
  }
  const r = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: [...sources].reverse() })
  return r.tempFilePaths
}

/** whether a failed pick was the user's own cancel (nothing to say then) */
export const pickCancelled = (e: unknown) => /cancel/i.test((e as { errMsg?: string })?.errMsg ?? '')

// photos taken on the 随手拍 tab, handed to the report form that opens next (no upload in between)
let handed: string[] = []
export function handPhotos(paths: string[]): void { handed = paths }
function takeHanded(): string[] { const p = handed; handed = []; return p }

export const photoIds = (items: PhotoItem[]) => items.filter((p) => p.uploadId).map((p) => p.uploadId!)
export const uploading = (items: PhotoItem[]) => items.some((p) => !p.uploadId && !p.error)

/**
 * Take or pick up to `max` photos; each is uploaded at once with its progress shown, a failed one
 * can be retried or removed. The parent holds the list (it sends the upload ids).
 */
export default function PhotoPicker({ id, items, onChange, max, label, takeHandedPhotos = false }: {
  id: string
  /** start with the photos handed over by handPhotos (the 随手拍 tab's 拍照上报) */
  takeHandedPhotos?: boolean
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

  function add(paths: string[]) {
    const added = paths.map((localPath) => ({ key: `p${++seq.current}-${Date.now()}`, localPath, progress: 0 }))
    onChange((list) => [...list, ...added])
    // one at a time: a weak mobile connection does better with one upload in flight
    return (async () => { for (const item of added) await send(item) })()
  }

  useEffect(() => {
    if (!takeHandedPhotos) return
    const paths = takeHanded().slice(0, max)
    if (paths.length) void add(paths)
  }, [])

  async function choose() {
    setPickError('')
    const room = max - items.length
    if (room <= 0) return
    let paths: string[]
    try {
      paths = (await pickPaths(room)).slice(0, room)
    } catch (e) {
      if (!pickCancelled(e)) setPickError(e instanceof Error ? e.message : '无法打开相机或相册，请检查权限后重试')
      return
    }
    await add(paths)
  }

  const busy = uploading(items)
  const done = photoIds(items).length
  return (
    <View className='field' id={id}>
      <PrivacySheet />
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
