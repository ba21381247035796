import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getLeaderboard, type LeaderboardT } from '../../../../api/points'
import { shanghaiYear, useCommunity } from '../../community'
import '../../points.css'
import { formatNumber } from '../../../../format'

export default function LeaderboardPage() {
  const { params } = useRouter()
  const [c, retryC] = useCommunity(params.unitId)
  const [year, setYear] = useState(shanghaiYear())
  const [board, setBoard] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; data: LeaderboardT }>({ status: 'loading' })
  const [n, setN] = useState(0)
  const cid = c.status === 'ready' ? c.id : null
  useEffect(() => {
    if (!cid) return
    setBoard({ status: 'loading' })
    getLeaderboard(cid, year).then((data) => setBoard({ status: 'ready', data })).catch((e) => setBoard({ status: 'error', ...loadFailure(e) }))
  }, [cid, year, n])
  if (c.status === 'loading') return <View className='page'><Loading /></View>
  if (c.status === 'error') return <View className='page'><ErrorState message={c.message} kind={c.kind} onRetry={retryC} /></View>
  if (c.status === 'none') return <View className='page'><Empty title='还没有所属社区' text='绑定您家后即可查看本社区的红色积分榜。' /></View>
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{c.name} {year} 年红色积分榜</Text></View>
      <View className='pts__tabs'>
        <ActionButton className='btn btn--small btn--ghost' id='board-prev' onClick={() => setYear(year - 1)}>上一年</ActionButton>
        {year < shanghaiYear() && <ActionButton className='btn btn--small btn--ghost' id='board-next' onClick={() => setYear(year + 1)}>下一年</ActionButton>}
      </View>
      {board.status === 'loading' && <Loading />}
      {board.status === 'error' && <ErrorState message={board.message} kind={board.kind} onRetry={() => setN(n + 1)} />}
      {board.status === 'ready' && (
        <>
          <View className='card' id='board-residents'>
            <Text className='card__title'>居民排名</Text>
            {board.data.items.length === 0 ? <Empty title='本年度还没有人获得积分' /> : board.data.items.map((i) => (
              <View className='pts__rank' key={i.userId}><Text>第 {i.rank} 名 {i.displayName}</Text><Text>{formatNumber(i.points)} 分</Text></View>
            ))}
          </View>
          <View className='card' id='board-courtyards'>
            <Text className='card__title'>院坝排名</Text>
            {board.data.courtyards.length === 0 ? <Empty title='本年度还没有院坝获得积分' /> : board.data.courtyards.map((i) => (
              <View className='pts__rank' key={i.unitId}><Text>第 {i.rank} 名 {i.name}</Text><Text>{formatNumber(i.points)} 分</Text></View>
            ))}
          </View>
        </>
      )}
    </View>
  )
}
