import { useEffect } from 'react'
import { createPortal } from 'react-dom'
import { View, Text } from '@tarojs/components'
import ActionButton from '../components/action-button'
import { placeFromPicker, type Place } from './adapter'
import './location.css'

/**
 * H5 only: Tencent Map's 地图选点组件 over the page, in a frame (the CSP allows that one origin).
 * The picker posts the chosen place to us; 取消 closes it. Own component: neither NutUI nor Taro
 * has a map picker for H5. Put on <body>: a Taro page is transformed (its slide-in), which would
 * pin a fixed layer to the page's scrolled content instead of the screen.
 */
export default function MapPicker({ url, onPick, onClose }: { url: string; onPick: (p: Place) => void; onClose: () => void }) {
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const place = placeFromPicker(e, url)
      if (place) onPick(place)
    }
    window.addEventListener('message', onMessage)
    return () => window.removeEventListener('message', onMessage)
  }, [url, onPick])
  if (process.env.TARO_ENV !== 'h5') return null
  return createPortal(
    <View className='map-picker' id='map-picker' role='dialog' aria-modal='true' aria-label='在地图上选择位置'>
      <View className='map-picker__bar'>
        <Text className='map-picker__title'>在地图上选择位置</Text>
        <ActionButton className='btn btn--small btn--ghost' id='map-picker-cancel' onClick={onClose}>取消</ActionButton>
      </View>
      <iframe className='map-picker__frame' id='map-picker-frame' title='地图选点' src={url} />
    </View>,
    document.body,
  )
}
