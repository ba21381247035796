import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { UnitKindLabel, type Unit } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../components/state-view'
import { loadFailure } from '../../../api/client'
import type { FailureKind } from '../../../api/client'
import { getUnitChildren } from '../../../api/org'
import { routes, withQuery } from '../../../routes'

/** units an evaluation is held in (a street or town leads on to its communities) */
const PICKABLE = ['street', 'town', 'community', 'village', 'enterprise']

/**
 * Evaluation is per community: an admin of a street (or above) opening 双向评价结果 picks one of
 * its communities, whose results and 五个最美 (where the street decides) open from there.
 */
export default function CommunityPicker({ unitId }: { unitId: string }) {
  const [load, setLoad] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: Unit[] }>({ status: 'loading' })
  const [n, setN] = useState(0)
  useEffect(() => {
    getUnitChildren(unitId).then((r) => setLoad({ status: 'ready', items: r.items.filter((u) => PICKABLE.includes(u.kind)) }))
      .catch((e) => setLoad({ status: 'error', ...loadFailure(e) }))
  }, [unitId, n])
  if (load.status === 'loading') return <Loading />
  if (load.status === 'error') return <ErrorState message={load.message} kind={load.kind} onRetry={() => setN(n + 1)} />
  if (load.items.length === 0) return <Empty title='没有下属社区' text='双向评价按社区、村或企业进行。' />
  return (
    <View>
      <View role='heading' aria-level={1} className='h1'><Text>请选择社区</Text></View>
      <Text className='hint'>双向评价按社区进行；“五个最美”由街道在社区的评选页面选定。</Text>
      {load.items.map((u) => (
        <ActionButton key={u.id} className='btn btn--ghost' id={`evaluation-unit-${u.id}`}
          onClick={() => Taro.navigateTo({ url: withQuery(routes.evaluationResults, { unitId: u.id, name: u.name }) }).catch(() => undefined)}>
          {u.name}（{UnitKindLabel[u.kind]}）
        </ActionButton>
      ))}
    </View>
  )
}
