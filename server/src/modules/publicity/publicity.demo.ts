import type { Tx } from '../../db/db'
import { completionNotice } from './publicity.completion'
import * as repo from './publicity.repository'

const DAY_MS = 24 * 3600_000
interface DemoUnit { id: string; path: string; communityId: string }

/**
 * Demo follow-up and board data, so a fresh `pnpm start` shows the 公示 tab and 跟踪落实 with
 * something in them: repairs in 李家院坝 (one under way, one completed and publicized), an
 * annual project in 幸福社区 that is late and over budget, and a fund-use post there.
 */
export async function seedPublicityDemo(tx: Tx, d: {
  unit: (name: string) => DemoUnit
  user: (username: string) => string
  now?: Date
}) {
  const now = d.now ?? new Date()
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const li = d.unit('李家院坝')
  const xingfu = d.unit('幸福社区')
  const head = d.user('head1')
  const admin = d.user('admin')

  async function item(v: {
    unit: DemoUnit; source: string; title: string; location?: string; responsible: string; budgetFen: number; fundSource: string
    status: string; progress: number; plannedEnd?: string; createdDaysAgo: number; by: string
    repair?: { meetingRef: string; showOfHands: { for: number; against: number; abstain: number } }
    updates?: { note: string; progress: number; toStatus?: string; daysAgo: number }[]
    costs?: { amountFen: number; description: string; daysAgo: number }[]
  }) {
    const created = ago(v.createdDaysAgo)
    const last = Math.min(...[v.createdDaysAgo, ...(v.updates ?? []).map((u) => u.daysAgo)])
    const row = await repo.insertItem(tx, {
      communityId: v.unit.communityId, unitId: v.unit.id, unitPath: v.unit.path, source: v.source, title: v.title, location: v.location ?? null,
      responsible: v.responsible, budgetFen: v.budgetFen, fundSource: v.fundSource, plannedEnd: v.plannedEnd ?? null, status: v.status,
      progress: v.progress, repair: v.repair ? { meetingId: null, ...v.repair } : null, completedAt: v.status === 'completed' ? ago(last) : null,
      createdBy: v.by, createdAt: created, updatedAt: ago(last),
    })
    await repo.insertEvent(tx, { itemId: row.id, kind: 'created', note: null, progress: 0, fromStatus: null, toStatus: 'planned', actorId: v.by, at: created })
    let status = 'planned'
    for (const u of v.updates ?? []) {
      await repo.insertEvent(tx, {
        itemId: row.id, kind: 'update', note: u.note, progress: u.progress, fromStatus: u.toStatus ? status : null, toStatus: u.toStatus ?? null, actorId: v.by, at: ago(u.daysAgo),
      })
      status = u.toStatus ?? status
    }
    for (const c of v.costs ?? []) {
      await repo.insertCost(tx, { itemId: row.id, amountFen: c.amountFen, description: c.description, actorId: v.by, at: ago(c.daysAgo) })
      await repo.insertEvent(tx, { itemId: row.id, kind: 'cost', note: c.description, progress: null, fromStatus: null, toStatus: null, actorId: v.by, at: ago(c.daysAgo) })
    }
    return row
  }

  await item({
    unit: li, source: 'repair', title: '修补院坝入口破损路面', location: '李家院坝入口', responsible: '李院坝长', budgetFen: 300_000, fundSource: 'residents',
    status: 'in_progress', progress: 40, createdDaysAgo: 6, by: head,
    repair: { meetingRef: '院坝会（坝坝会）', showOfHands: { for: 16, against: 1, abstain: 2 } },
    updates: [{ note: '旧路面已清理，水泥砂石进场', progress: 40, toStatus: 'in_progress', daysAgo: 2 }],
    costs: [{ amountFen: 120_000, description: '水泥砂石', daysAgo: 2 }],
  })

  const drain = await item({
    unit: li, source: 'repair', title: '疏通院坝排水沟', location: '李家院坝8号至12号屋后', responsible: '李院坝长', budgetFen: 80_000, fundSource: 'collective',
    status: 'completed', progress: 100, createdDaysAgo: 12, by: head,
    repair: { meetingRef: '院坝会', showOfHands: { for: 21, against: 0, abstain: 1 } },
    updates: [
      { note: '开始清淤', progress: 30, toStatus: 'in_progress', daysAgo: 9 },
      { note: '排水沟已疏通并加盖板', progress: 100, toStatus: 'completed', daysAgo: 1 },
    ],
    costs: [{ amountFen: 45_000, description: '盖板15块', daysAgo: 3 }, { amountFen: 20_000, description: '清淤人工', daysAgo: 1 }],
  })
  const costs = await repo.costsOf(tx, drain.id)
  const notice = completionNotice(drain, costs, ago(1))
  await repo.insertPost(tx, {
    communityId: li.communityId, unitId: li.id, unitPath: li.path, kind: notice.kind, title: notice.title, body: notice.body, sourceId: drain.id,
    status: 'publicizing', publishedAt: ago(1), windowEndsAt: new Date(ago(1).getTime() + 7 * DAY_MS), createdBy: head,
  })

  await item({
    unit: xingfu, source: 'annual_project', title: '老旧小区加装电梯（1栋）', location: '幸福社区1栋', responsible: '社区居委会', budgetFen: 50_000_000,
    fundSource: 'fiscal', status: 'in_progress', progress: 70, plannedEnd: new Date(ago(10).getTime() + 8 * 3600_000).toISOString().slice(0, 10),
    createdDaysAgo: 120, by: admin,
    updates: [{ note: '井道施工完成，等待设备安装', progress: 70, toStatus: 'in_progress', daysAgo: 30 }],
    costs: [{ amountFen: 52_000_000, description: '井道土建及电梯设备首付款', daysAgo: 30 }],
  })

  await repo.insertPost(tx, {
    communityId: xingfu.communityId, unitId: xingfu.id, unitPath: xingfu.path, kind: 'fund_use', title: '三季度社区公益金使用情况',
    body: '社区公益金三季度收入 12,000.00 元，支出 9,860.00 元：\n  1. 重阳节慰问高龄老人　4,200.00 元\n  2. 楼道灯更换　3,160.00 元\n  3. 暑期儿童托管活动　2,500.00 元\n结余 2,140.00 元，转入四季度。',
    status: 'publicizing', publishedAt: ago(2), windowEndsAt: new Date(ago(2).getTime() + 7 * DAY_MS), createdBy: admin,
  })
}
