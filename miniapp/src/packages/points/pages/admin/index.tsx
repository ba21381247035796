import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import ExportButton from '../../../../components/export-button'
import { Empty } from '../../../../components/state-view'
import { routes } from '../../../../routes'
import AdminItems from '../../components/admin-items'
import AdminOrders from '../../components/admin-orders'
import AdminAwards from '../../components/admin-awards'
import { AdminRules, IntegrityCheck } from '../../components/admin-rules'
import '../../points.css'

type Section = 'items' | 'orders' | 'awards' | 'rules' | 'integrity'
const LABEL: Record<Section, string> = { items: '商品', orders: '订单', awards: '奖励', rules: '规则', integrity: '核对' }
/** what each role may do here (the server checks again) */
const BY_ROLE: Record<string, Section[]> = {
  community_admin: ['items', 'orders', 'awards', 'rules', 'integrity'],
  shopkeeper: ['orders', 'items'],
  courtyard_head: ['awards'],
  supervisor: ['orders', 'integrity'],
}

export default function PointsAdmin() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const role = params.role ?? 'community_admin'
  const sections = BY_ROLE[role] ?? []
  const [tab, setTab] = useState<Section>(sections[0] ?? 'orders')
  if (!unitId || sections.length === 0) return <View className='page'><Empty title='请从工作台进入' /></View>
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>积分管理{params.name ? `·${decodeURIComponent(params.name)}` : ''}</Text></View>
      {role === 'shopkeeper' && <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.pointsPickup })}>核销提货码</ActionButton>}
      <View className='pts__tabs' role='group' aria-label='功能'>
        {sections.map((s) => (
          <ActionButton key={s} className={`btn btn--small ${s === tab ? '' : 'btn--ghost'}`} id={`admin-tab-${s}`} aria-pressed={s === tab} onClick={() => setTab(s)}>{LABEL[s]}</ActionButton>
        ))}
      </View>
      {tab === 'items' && <AdminItems unitId={unitId} canEdit={role === 'community_admin'} />}
      {(tab === 'orders' || tab === 'integrity') && <ExportButton unitId={unitId} dataset={tab === 'orders' ? 'shop-orders' : 'points-ledger'} label={tab === 'orders' ? '导出订单' : '导出积分明细'} />}
      {tab === 'orders' && <AdminOrders unitId={unitId} />}
      {tab === 'awards' && <AdminAwards unitId={unitId} />}
      {tab === 'rules' && <AdminRules unitId={unitId} />}
      {tab === 'integrity' && <IntegrityCheck unitId={unitId} />}
    </View>
  )
}
