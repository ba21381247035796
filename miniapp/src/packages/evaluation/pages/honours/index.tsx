import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useSession } from '../../../../session'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import HonoursBoard from '../../components/honours-board'
import '../../evaluation.css'

/**
 * 五个最美 of one community. What the caller may do follows their grants (the server decides again):
 * the community's own admin starts polls and announces; an admin of a unit above it (the street) decides.
 */
export default function HonoursPage() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const [s, reload] = useSession()
  if (!unitId) return <View className='page'><Empty title='请从双向评价结果进入' text='“五个最美”按社区评选。' /></View>
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  const roles = s.status === 'ready' ? s.me.roles : []
  const manage = roles.some((r) => r.role === 'community_admin' && r.unitId === unitId)
  const decide = roles.some((r) => r.role === 'community_admin' && r.unitId !== unitId)
  return <View className='page'><HonoursBoard unitId={unitId} period={params.period} manage={manage} decide={decide} /></View>
}
