/** page paths, so a page is found by its domain word */
export const routes = {
  home: '/pages/index/index',
  report: '/pages/report/index',
  deliberation: '/pages/deliberation/index',
  board: '/pages/board/index',
  mine: '/pages/mine/index',
  login: '/packages/auth/pages/login/index',
  password: '/packages/auth/pages/password/index',
  privacy: '/packages/auth/pages/privacy/index',
  bind: '/packages/org/pages/bind/index',
  staff: '/packages/org/pages/staff/index',
  households: '/packages/org/pages/households/index',
  householdNew: '/packages/org/pages/household-new/index',
  importRoster: '/packages/org/pages/import/index',
  audit: '/packages/org/pages/audit/index',
  pollDetail: '/packages/polls/pages/detail/index',
  pollBulletin: '/packages/polls/pages/bulletin/index',
  pollNew: '/packages/polls/pages/new/index',
  pollManage: '/packages/polls/pages/manage/index',
  pollPaper: '/packages/polls/pages/paper/index',
  reportNew: '/packages/reports/pages/new/index',
  reportDetail: '/packages/reports/pages/detail/index',
  reportQueue: '/packages/reports/pages/queue/index',
  reportFeed: '/packages/reports/pages/feed/index',
  reportDispatches: '/packages/reports/pages/dispatches/index',
  reportSettings: '/packages/reports/pages/admin/index',
  reportOverdue: '/packages/reports/pages/overdue/index',
  reportPublic: '/packages/reports/pages/public/index',
  topicDetail: '/packages/deliberation/pages/topic/index',
  topicNew: '/packages/deliberation/pages/topic-new/index',
  meetingDetail: '/packages/deliberation/pages/meeting/index',
  meetingNew: '/packages/deliberation/pages/meeting-new/index',
  points: '/packages/points/pages/index/index',
  pointsShop: '/packages/points/pages/shop/index',
  pointsOrders: '/packages/points/pages/orders/index',
  pointsPickup: '/packages/points/pages/pickup/index',
  pointsAdmin: '/packages/points/pages/admin/index',
  pointsLeaderboard: '/packages/points/pages/leaderboard/index',
  boardPost: '/packages/board/pages/detail/index',
  trackedItems: '/packages/board/pages/items/index',
  trackedItem: '/packages/board/pages/item/index',
  repairNew: '/packages/board/pages/repair/index',
  trackedItemNew: '/packages/board/pages/item-new/index',
  boardPostNew: '/packages/board/pages/post-new/index',
  messages: '/packages/messages/pages/list/index',
} as const

export const tabRoutes: string[] = [routes.home, routes.report, routes.deliberation, routes.board, routes.mine]

export function withQuery(path: string, q: Record<string, string>): string {
  const qs = Object.entries(q).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
  return qs ? `${path}?${qs}` : path
}
