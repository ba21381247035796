import { useEffect, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { answerPrivacy, registerSheet } from '../privacy'
import { routes, withQuery } from '../routes'
import './privacy-sheet.css'

const AGREE_ID = 'privacy-sheet-agree'

/**
 * The consent WeChat asks for before a private API (camera, album, location) on this page. Shown
 * only when WeChat asks (onNeedPrivacyAuthorization); never in H5. Put it on pages that use them.
 */
export default function PrivacySheet() {
  const [open, setOpen] = useState(false)
  useEffect(() => registerSheet(setOpen), [])
  if (!open) return null
  return (
    <View className='privacy-sheet' role='dialog' aria-modal='true' aria-labelledby='privacy-sheet-title'>
      <View className='privacy-sheet__panel'>
        <Text className='privacy-sheet__title' id='privacy-sheet-title'>隐私保护提示</Text>
        <Text className='privacy-sheet__text'>
          上报问题要用到相机、相册和您的位置。照片里的定位信息上传时会删除，公开的位置做模糊处理。使用前请阅读
        </Text>
        <Text className='link privacy-sheet__link' id='privacy-sheet-terms'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.privacy, { view: '1' }) })}>《邻里议事隐私条款》</Text>
        <Button className='btn' id={AGREE_ID} openType='agreePrivacyAuthorization'
          onAgreePrivacyAuthorization={() => answerPrivacy(true, AGREE_ID)}>同意并继续</Button>
        <Button className='btn btn--ghost' id='privacy-sheet-disagree' onClick={() => answerPrivacy(false)}>不同意</Button>
      </View>
    </View>
  )
}
