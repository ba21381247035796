import { View, Image, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './photos.css'

interface P { id: string; url: string; thumbUrl: string; kind?: 'before' | 'after' }

/** upload urls are server paths; weapp needs the host in front */
export const abs = (u: string) => (/^https?:/.test(u) || typeof API_BASE !== 'string' ? u : `${API_BASE}${u}`)

/** thumbnails; a tap opens the full images */
export default function Photos({ photos, title }: { photos: P[]; title?: string }) {
  if (photos.length === 0) return null
  const urls = photos.map((p) => abs(p.url))
  return (
    <View>
      {title && <Text className='field__label'>{title}</Text>}
      <View className='photos'>
        {photos.map((p, i) => (
          <View className='photos__item' key={p.id} onClick={() => Taro.previewImage({ urls, current: urls[i] }).catch(() => undefined)}>
            <Image className='photos__img' src={abs(p.thumbUrl)} mode='aspectFill' ariaLabel={`照片${i + 1}`} />
          </View>
        ))}
      </View>
    </View>
  )
}

/** a report's photos as the public sees them: 处理前 first, then 处理后, each labelled */
export function BeforeAfterPhotos({ photos, id }: { photos: P[]; id?: string }) {
  const before = photos.filter((p) => p.kind !== 'after')
  const after = photos.filter((p) => p.kind === 'after')
  return (
    <View id={id}>
      <Photos photos={before} title={after.length > 0 ? '处理前' : undefined} />
      <Photos photos={after} title='处理后' />
    </View>
  )
}
