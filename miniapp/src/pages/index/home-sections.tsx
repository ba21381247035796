import { BoardPostKindLabel, ReportStatusLabel } from '@linli/shared'
import type { HomeT } from '../../api/home'
import { formatDateTime } from '../../format'
import { routes, withQuery } from '../../routes'
import { HomeRow, HomeSection } from './home-row'

type Household = NonNullable<HomeT['household']>
type Mine = NonNullable<HomeT['mine']>

/** Open polls of my units: a tap opens the poll to vote; 本户已投票 once my household has (never what). */
export function PollsSection({ polls }: { polls: Household['polls'] }) {
  return (
    <HomeSection id='home-polls' title='正在投票' count={polls.filter((p) => p.eligible && !p.voted).length} empty='目前没有进行中的投票'>
      {polls.map((p) => (
        <HomeRow key={p.id} id={`home-poll-${p.id}`} title={p.title} url={withQuery(routes.pollDetail, { id: p.id })}
          meta={`${p.unitName} · 截止 ${formatDateTime(p.closesAt)}`}
          badge={p.voted ? '本户已投票' : p.eligible ? '去投票' : '不可投票'} tone={p.voted ? 'done' : p.eligible ? 'todo' : 'plain'} />
      ))}
    </HomeSection>
  )
}

export function MeetingsSection({ meetings }: { meetings: Household['meetings'] }) {
  return (
    <HomeSection id='home-meetings' title='近期议事会' empty='近期没有安排议事会'>
      {meetings.map((m) => (
        <HomeRow key={m.id} id={`home-meeting-${m.id}`} title={m.title} url={withQuery(routes.meetingDetail, { id: m.id })}
          meta={`${formatDateTime(m.startsAt)} · ${m.place ?? m.unitName}`} badge={m.kindLabel} />
      ))}
    </HomeSection>
  )
}

/** My reports, those with news since I last opened them first marked 有新进展; and my points. */
export function MineSection({ mine }: { mine: Mine }) {
  return (
    <HomeSection id='home-mine' title='我的上报' count={mine.changedReports} empty='您还没有上报过问题'
      more={{ text: `我的积分：${mine.points} 分`, url: routes.points }}>
      {mine.reports.map((r) => (
        <HomeRow key={r.id} id={`home-report-${r.id}`} title={r.description} url={withQuery(routes.reportDetail, { id: r.id })}
          meta={r.changed ? `${ReportStatusLabel[r.status]} · ${formatDateTime(r.updatedAt)}` : formatDateTime(r.updatedAt)}
          badge={r.changed ? '有新进展' : ReportStatusLabel[r.status]} tone={r.changed ? 'todo' : 'plain'} />
      ))}
    </HomeSection>
  )
}

/** What anyone may read: notices in their window, the public report feed, certified poll results. */
export function PublicSections({ home, signedIn }: { home: HomeT; signedIn: boolean }) {
  const where = home.community?.name ?? '社区'
  return (
    <>
      <HomeSection id='home-notices' title={`${where}公示`} empty='目前没有公示中的内容' more={{ text: '去公示栏', url: routes.board }}>
        {home.notices.map((n) => (
          <HomeRow key={n.id} id={`home-notice-${n.id}`} title={n.title} url={withQuery(routes.boardPost, { id: n.id })}
            meta={`${n.unitName} · 公示至 ${formatDateTime(n.windowEndsAt)}`} badge={BoardPostKindLabel[n.kind]} />
        ))}
      </HomeSection>
      <HomeSection id='home-feed' title='大家的随手拍' empty='还没有公开的上报'
        more={home.community ? { text: '查看全部上报动态', url: withQuery(routes.reportFeed, { unitId: home.community.id }) } : undefined}>
        {home.feed.map((r) => (
          <HomeRow key={r.id} id={`home-feed-${r.id}`} title={r.description}
            url={withQuery(routes.reportPublic, { id: r.id })}
            meta={`${r.categoryName} · ${formatDateTime(r.createdAt)}${r.supportCount > 0 ? ` · ${r.supportCount} 人也遇到` : ''}`}
            badge={ReportStatusLabel[r.status]} tone={r.status === 'resolved' || r.status === 'confirmed' ? 'done' : 'plain'} />
        ))}
      </HomeSection>
      <HomeSection id='home-results' title='投票结果' empty='还没有已结束的投票'>
        {home.results.map((p) => (
          <HomeRow key={p.id} id={`home-result-${p.id}`} title={p.title}
            // the result page needs no login; the poll page does
            url={withQuery(signedIn ? routes.pollDetail : routes.pollBulletin, { id: p.id })}
            meta={`${p.unitName}${p.closedAt ? ` · ${formatDateTime(p.closedAt)} 结束` : ''}`}
            badge={p.passed === null ? '已结束' : p.passed ? '通过' : '未通过'} tone={p.passed ? 'done' : 'plain'} />
        ))}
      </HomeSection>
    </>
  )
}
