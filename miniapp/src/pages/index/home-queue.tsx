import { View, Text } from '@tarojs/components'
import type { HomeQueueKind } from '@linli/shared'
import type { HomeQueueSectionT } from '../../api/home'
import { formatDateTime } from '../../format'
import { routes, withQuery } from '../../routes'
import { HomeRow, HomeSection } from './home-row'

type Item = HomeQueueSectionT['items'][number]

/** Per kind of work: its heading, what its time means, where a row and 查看全部 lead (the existing pages). */
const KINDS: Record<HomeQueueKind, {
  title: string; empty: string; at: string
  row: (i: Item) => string
  all: (s: HomeQueueSectionT) => { text: string; url: string }
}> = {
  new_reports: {
    title: '待受理的上报', empty: '没有待受理的上报', at: '上报于',
    row: (i) => withQuery(routes.reportDetail, { id: i.id }),
    all: (s) => ({ text: '去上报处理', url: withQuery(routes.reportQueue, { unitId: s.unitId ?? '', name: s.unitName ?? '' }) }),
  },
  dispatches: {
    title: '派给本部门的工单', empty: '没有待签收或待回复的派单', at: '办理时限',
    row: (i) => withQuery(routes.reportDetail, { id: i.id }),
    all: () => ({ text: '去部门派单', url: routes.reportDispatches }),
  },
  overdue: {
    title: '挂牌督办', empty: '没有超时督办的事项', at: '超时自',
    row: (i) => withQuery(routes.reportDetail, { id: i.id }),
    all: (s) => ({ text: '查看全部督办', url: withQuery(routes.reportOverdue, { unitId: s.unitId ?? '', name: s.unitName ?? '' }) }),
  },
  objections: {
    title: '待答复的异议', empty: '没有待答复的异议', at: '最早提出于',
    row: (i) => withQuery(routes.boardPost, { id: i.id }),
    all: () => ({ text: '去公示栏', url: routes.board }),
  },
  pickups: {
    title: '待领取的兑换', empty: '没有待领取的订单', at: '领取截止',
    row: () => routes.pointsPickup,
    all: () => ({ text: '去核销提货码', url: routes.pointsPickup }),
  },
}

export function QueueSection({ s }: { s: HomeQueueSectionT }) {
  const k = KINDS[s.kind]
  const id = `queue-${s.kind}-${s.unitId ?? 'all'}`
  return (
    <HomeSection id={id} title={s.unitName ? `${k.title} · ${s.unitName}` : k.title} count={s.count} empty={k.empty}
      more={s.count > 0 ? k.all(s) : undefined}>
      {s.items.map((i) => (
        <HomeRow key={i.id} id={`${id}-${i.id}`} title={i.title} url={k.row(i)}
          meta={[i.note, i.at ? `${k.at} ${formatDateTime(i.at)}` : null].filter(Boolean).join(' · ')}
          badge={i.overdue ? '已超时' : undefined} tone='alert' />
      ))}
    </HomeSection>
  )
}

/** Staff see their own work first: every section of their queue, the most pressing counted. */
export function StaffQueue({ queue }: { queue: HomeQueueSectionT[] }) {
  const total = queue.reduce((n, s) => n + s.count, 0)
  return (
    <View id='home-queue'>
      <View role='heading' aria-level={2} className='home-part'>
        <Text>我的待办</Text>
        <Text className='home-part__sub' id='home-queue-total'>{total > 0 ? `共 ${total} 项` : '暂无待办'}</Text>
      </View>
      {queue.map((s) => <QueueSection key={`${s.kind}-${s.unitId}`} s={s} />)}
    </View>
  )
}
