/**
 * The modules of the API as the document's top-level tags, each described in Chinese and
 * English. A route's `tags` name one of these; a new module adds its line here (the OpenAPI
 * test and Spectral's operation-tag-defined fail on a tag missing from this list).
 */
export const API_TAGS: { name: string; description: string }[] = [
  { name: 'auth', description: '登录、令牌与本人账号（个人信息、导出、注销） · Sign-in, tokens and the caller\'s own account' },
  { name: 'org', description: '组织：单元、住户名册、绑定码、角色 · Organisation: units, household roster, binding codes, roles' },
  { name: 'home', description: '首页：与我相关的事 · Home: what concerns the caller' },
  { name: 'notifications', description: '消息与微信订阅 · Inbox and WeChat subscriptions' },
  { name: 'uploads', description: '图片上传与读取 · Photo uploads and reads' },
  { name: 'reports', description: '网格上报（随手拍）、派单与督办 · Grid reports, dispatches and escalation' },
  { name: 'deliberation', description: '议事协商：议题、联署、会议 · Deliberation: topics, co-signs, meetings' },
  { name: 'polls', description: '一户一票：投票、选票、计票、公告 · One household, one vote: polls, ballots, tally, bulletin' },
  { name: 'points', description: '积分：规则、奖励、流水、排行 · Points: rules, awards, ledger, leaderboard' },
  { name: 'shop', description: '积分超市：商品、兑换、核销 · Points shop: items, orders, pickups' },
  { name: 'board', description: '公开栏：公示、异议与答复、打印 · Public board: posts, objections and answers, print' },
  { name: 'follow-up', description: '跟踪落实：台账、进度、费用、评价、小微修缮 · Follow-up: tracked items, progress, costs, ratings, repairs' },
  { name: 'audit', description: '审计日志 · Audit log' },
  { name: 'stats', description: '数据看板：考核指标 · Statistics: KPIs' },
  { name: 'export', description: '数据导出：CSV 与 XLSX · Exports: CSV and XLSX' },
  { name: 'errands', description: '代办服务入院坝 · Errands run for households' },
  { name: 'outreach', description: '宣传宣讲进院坝 · Outreach: themes, sessions, attendance' },
  { name: 'evaluation', description: '双向评价在院坝 · Two-way evaluation' },
  { name: 'Open311', description: 'Open311 GeoReport v2 接口（第三方系统） · Open311 GeoReport v2 facade for integrators' },
  { name: 'service', description: '服务状态与文档 · Service health and documents' },
]
