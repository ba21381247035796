import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from './action-button'
import QrCode from './qr-code'
import { h5Link, sharePath, type ShareCard } from '../share'
import './share-button.css'

/** the app's own address in this browser (the H5 app is served at the site's root) */
const origin = () => (typeof window === 'undefined' ? '' : `${window.location.origin}${window.location.pathname.replace(/index\.html$/, '')}`)

/**
 * H5: 分享 opens a sheet with the page's link (to copy into a chat) and its QR code (to scan
 * from another phone or show at a meeting). The weapp build uses share-button.weapp.tsx, where
 * WeChat's own share sheet sends the card registered by useShare.
 */
export default function ShareButton({ card }: { card: ShareCard }) {
  const [open, setOpen] = useState(false)
  const [copied, setCopied] = useState(false)
  const link = h5Link(sharePath(card.kind, card.id), origin())

  const copy = () => {
    Taro.setClipboardData({ data: link })
      .then(() => setCopied(true))
      .catch(() => Taro.showToast({ title: '复制失败，请长按链接手动复制', icon: 'none' }).catch(() => undefined))
  }

  return (
    <View>
      <ActionButton className='btn btn--ghost' id='share-open' onClick={() => { setCopied(false); setOpen(true) }}>分享给邻居</ActionButton>
      {open && (
        <View className='share-sheet' id='share-sheet' role='dialog' aria-modal='true' aria-labelledby='share-title'>
          <View className='share-sheet__panel'>
            <View role='heading' aria-level={2} className='card__title' id='share-title'><Text>分享给邻居</Text></View>
            <Text className='muted'>复制链接发到群里，或让邻居用手机扫下面的二维码。</Text>
            <Text className='share-sheet__link' id='share-link'>{link}</Text>
            <ActionButton className='btn' id='share-copy' onClick={copy}>{copied ? '已复制链接' : '复制链接'}</ActionButton>
            {copied && <View role='status'><Text className='hint' id='share-copied'>链接已复制，可以粘贴到微信群。</Text></View>}
            <QrCode text={link} label={`扫码打开：${card.title ?? '邻里议事'}`} id='share-qr' />
            <ActionButton className='btn btn--ghost' id='share-close' onClick={() => setOpen(false)}>关闭</ActionButton>
          </View>
        </View>
      )}
    </View>
  )
}
