import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import ActionButton from '../../../../components/action-button'
import Taro, { useRouter } from '@tarojs/taro'
import { PRIVACY_VERSION } from '@linli/shared'
import { agreePrivacy, logout } from '../../../../api/auth'
import { errorMessage } from '../../../../api/client'
import { FormError } from '../../../../components/state-view'
import { nextStepAfterLogin } from '../../../../session'
import { routes } from '../../../../routes'
import './index.css'

const TERMS = [
  '我们收集什么：您的微信标识、称呼，以及您绑定的住户地址和面积，用于确认您是本社区居民、保证一户一票。',
  '我们不做什么：不会公开您的身份。您上报的问题公开时不显示上报人；投票时工作人员只能看到您家是否已投，看不到您投了什么。',
  '我们使用的手机权限：位置（随手拍时确定问题在哪个网格，您也可以在地图上选点或手动填写地址）、相机和相册（拍摄或选择上报、维修、收据的照片）。每项权限都在您第一次使用相应功能时由微信询问您，拒绝后其他功能照常可用。',
  '照片中的定位信息会在上传时删除，公开的位置会做模糊处理。',
  '数据保存在社区使用的服务器上，仅用于社区治理，不会出售或用于广告。',
  '查看和导出：在“我的 → 个人信息”可以看到我们保存的关于您和您家的全部信息（资料、住户、上报、议题、联署、会议、投票、异议、评价、兑换、积分、消息、照片），并导出为文件。家人或工作人员代录的选票只显示“已投”，不显示选了什么。',
  '注销账号：在“我的 → 个人信息”中可随时注销，不可恢复。注销后您的称呼改为“已注销用户”，微信关联、账号名和密码被清除，所有设备立即退出登录；您退出所在住户，户主由家中下一位成员接任，没有其他成员时住户仍留在名册中由网格员管理；积分作废并记入积分明细，未领取的兑换单取消；未公开的照片和您的消息被删除。',
  '注销后仍保留的：您的上报、选票、联署和异议继续计入统计、计票和公示（公开上报的照片也保留），但不再关联到您的姓名；审计日志只记录账号编号，不记录姓名。住户名册（地址、户主登记姓名、面积）由社区维护，如需更正请联系网格员。以后用同一微信登录将是一个新账号，看不到原来的数据。',
  '您可以随时在“我的”中退出登录；如需更正信息，请联系网格员。',
]

export default function Privacy() {
  // opened from WeChat's privacy sheet (components/privacy-sheet.tsx) to read the terms: the answer is given there
  const reading = useRouter().params.view === '1'
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const agree = async () => {
    setBusy(true)
    setError('')
    try {
      nextStepAfterLogin(await agreePrivacy())
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const decline = async () => {
    await logout()
    Taro.switchTab({ url: routes.home })
  }

  return (
    <View className='page'>
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>隐私条款</Text></View>
        <Text className='field__help'>版本 {PRIVACY_VERSION}。请阅读后选择是否同意。</Text>
        {TERMS.map((t, i) => (
          <View className='privacy__item' key={i}><Text>{i + 1}. {t}</Text></View>
        ))}
        <FormError message={error} id='privacy-error' />
        {reading ? (
          <ActionButton className='btn' id='privacy-back' onClick={() => Taro.navigateBack()}>已阅读，返回</ActionButton>
        ) : (<>
        <ActionButton className='btn' id='privacy-agree' disabled={busy} loading={busy || undefined} onClick={() => void agree()}>
          同意并继续
        </ActionButton>
        <ActionButton className='btn btn--ghost' id='privacy-decline' disabled={busy} onClick={() => void decline()}>
          不同意，退出登录
        </ActionButton>
        </>)}
      </View>
    </View>
  )
}
