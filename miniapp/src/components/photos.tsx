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
