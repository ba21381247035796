import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import ActionButton from '../../components/action-button'
import type { HomeT } from '../../api/home'
import { routes, withQuery } from '../../routes'
import { StaffQueue } from './home-queue'
import { open } from './home-row'
import { PollsSection } from './home-sections'

/**
 * 首页 in 长辈模式: only what people come for — two large entries (随手拍, 去投票), the polls my
 * household can still vote in, and one way to the notices. The rest stays one tab away.
 */
export function ElderHome({ home, nextStep }: { home: HomeT; nextStep: ReactNode }) {
  const v = home.viewer
  const toVote = home.household?.polls.filter((p) => p.eligible && !p.voted) ?? []
  // one poll waiting: straight to its ballot; several or none: the 投票 list of 议事
  const voteUrl = toVote.length === 1 ? withQuery(routes.pollDetail, { id: toVote[0].id }) : routes.deliberation
  return (
    <View className='page home home--elder'>
      <View className='home__hero'>
        <View role='heading' aria-level={1} className='home__title'><Text>邻里议事</Text></View>
        {v && <Text className='home__sub' id='home-greeting'>您好，{v.displayName}</Text>}
      </View>
      {nextStep}
      {home.queue && <StaffQueue queue={home.queue} />}
      {!v?.readOnly && (
        <ActionButton className='btn home-elder__entry' id='home-elder-snap' aria-label='随手拍：拍照上报身边的问题' onClick={() => open(routes.report)}>
          <Text className='home-elder__entry-title'>随手拍</Text>
          <Text className='home-elder__entry-sub'>拍照上报身边的问题</Text>
        </ActionButton>
      )}
      {home.household && (
        <ActionButton className='btn btn--ghost home-elder__entry' id='home-elder-vote'
          aria-label={toVote.length > 0 ? `去投票：${toVote.length} 项等您家投票` : '去投票：看看正在进行的投票'} onClick={() => open(voteUrl)}>
          <Text className='home-elder__entry-title'>去投票</Text>
          <Text className='home-elder__entry-sub'>{toVote.length > 0 ? `${toVote.length} 项等您家投票` : '看看正在进行的投票'}</Text>
        </ActionButton>
      )}
      {home.household && toVote.length > 0 && <PollsSection polls={toVote} />}
      <ActionButton className='btn btn--ghost' id='home-elder-board' onClick={() => open(routes.board)}>看社区公示</ActionButton>
    </View>
  )
}
