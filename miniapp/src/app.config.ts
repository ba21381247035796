export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/report/index',
    'pages/deliberation/index',
    'pages/board/index',
    'pages/mine/index',
  ],
  subPackages: [
    { root: 'packages/auth', pages: ['pages/login/index', 'pages/password/index', 'pages/privacy/index', 'pages/my-data/index'] },
    {
      root: 'packages/org',
      pages: ['pages/bind/index', 'pages/role-code/index', 'pages/role-code-new/index', 'pages/staff/index', 'pages/households/index', 'pages/household-new/index', 'pages/import/index', 'pages/audit/index',
        'pages/courtyard/index', 'pages/on-behalf/index'],
    },
    { root: 'packages/polls', pages: ['pages/detail/index', 'pages/bulletin/index', 'pages/new/index', 'pages/manage/index', 'pages/paper/index'] },
    { root: 'packages/reports', pages: ['pages/new/index', 'pages/detail/index', 'pages/queue/index', 'pages/feed/index', 'pages/dispatches/index', 'pages/admin/index', 'pages/overdue/index', 'pages/public/index'] },
    { root: 'packages/deliberation', pages: ['pages/topic/index', 'pages/topic-new/index', 'pages/meeting/index', 'pages/meeting-new/index'] },
    { root: 'packages/points', pages: ['pages/index/index', 'pages/shop/index', 'pages/orders/index', 'pages/pickup/index', 'pages/admin/index', 'pages/leaderboard/index'] },
    { root: 'packages/board', pages: ['pages/detail/index', 'pages/items/index', 'pages/item/index', 'pages/repair/index', 'pages/item-new/index', 'pages/post-new/index'] },
    { root: 'packages/messages', pages: ['pages/list/index'] },
    { root: 'packages/errands', pages: ['pages/list/index', 'pages/new/index', 'pages/detail/index', 'pages/types/index'] },
    { root: 'packages/evaluation', pages: ['pages/evaluate/index', 'pages/results/index', 'pages/self-review/index', 'pages/honours/index'] },
    { root: 'packages/outreach', pages: ['pages/list/index', 'pages/new/index', 'pages/detail/index', 'pages/plan/index'] },
    // 数据看板 and 数据大屏: the chart library (ECharts) lives here only, not in the main package
    { root: 'packages/stats', pages: ['pages/dashboard/index', 'pages/screen/index', 'pages/list/index'] },
  ],
  // only the components a page renders are loaded when it opens (WeChat's 按需注入): faster start
  lazyCodeLoading: 'requiredComponents',
  // residents open a poll or a report first: fetched while the tab page is idle (any network)
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/polls', 'packages/reports'] },
    'pages/deliberation/index': { network: 'all', packages: ['packages/polls'] },
    'pages/report/index': { network: 'all', packages: ['packages/reports'] },
  },
  // which pages WeChat search may index (copied to the output by config/index.ts)
  sitemapLocation: 'sitemap.json',
  // 随手拍 locates the reporter, or lets them pick the spot on a map (wx.getLocation needs both declarations)
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // WeChat's privacy flow: its consent is asked (privacy.ts, components/privacy-sheet.tsx) before the first private API
  __usePrivacyCheck__: true,
  permission: { 'scope.userLocation': { desc: '用于确定您上报的问题在哪个网格' } },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0a6b48',
    navigationBarTitleText: '邻里议事',
    navigationBarTextStyle: 'white',
    // weapp's own bar; in H5 this turns on Taro's title bar (title, back arrow or home icon)
    navigationStyle: 'default',
    backgroundColor: '#f4f5f7',
  },
  // H5: no page slide. Taro's router shades the page it slid away from on a timer that a navigation
  // inside those 300 ms does not cancel: a quick tap on 返回 (or a link) right after opening a page
  // left the whole app blank. Pages now change at once (also kinder to anyone who dislikes motion).
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  tabBar: {
    color: '#4a4f55',
    selectedColor: '#0a6b48',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      // PNG icons, 81x81 (weapp takes no SVG): drawn by scripts/make-tab-icons.cjs
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/report/index', text: '随手拍', iconPath: 'assets/tab/report.png', selectedIconPath: 'assets/tab/report-active.png' },
      { pagePath: 'pages/deliberation/index', text: '议事', iconPath: 'assets/tab/deliberation.png', selectedIconPath: 'assets/tab/deliberation-active.png' },
      { pagePath: 'pages/board/index', text: '公示', iconPath: 'assets/tab/board.png', selectedIconPath: 'assets/tab/board-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
})
