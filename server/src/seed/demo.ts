import { randomUUID } from 'node:crypto'
import type { Role, UnitKind } from '@linli/shared'
import type { Db, Tx } from '../db/db'
import { users } from '../modules/auth/auth.tables'
import { hashPassword } from '../modules/auth/auth.service'
import { householdMembers, households, roleGrants, units } from '../modules/org/org.tables'
import { seedDeliberationDemo } from '../modules/deliberation/deliberation.demo'
import { seedPublicityDemo } from '../modules/publicity/publicity.demo'

export const DEMO_PASSWORD = 'demo1234'

interface UnitSpec { name: string; kind: UnitKind; boundary?: [number, number][]; children?: UnitSpec[] }

/** A rectangle ring [lng, lat] around a corner, ~ width x height degrees. */
const box = (lng: number, lat: number, w = 0.004, h = 0.003): [number, number][] =>
  [[lng, lat], [lng + w, lat], [lng + w, lat + h], [lng, lat + h], [lng, lat]]

const buildings = (from: number) => [0, 1, 2].map((i) => ({
  name: `${from + i}栋`, kind: 'building' as const,
  children: [{ name: `${from + i}栋1单元`, kind: 'unit' as const }, { name: `${from + i}栋2单元`, kind: 'unit' as const }],
}))

const TREE: UnitSpec = {
  name: '锦江区', kind: 'district', children: [{
    name: '和平街道', kind: 'street', children: [
      {
        name: '幸福社区', kind: 'community', children: [
          { name: '幸福社区第一网格', kind: 'grid', boundary: box(104.080, 30.650), children: buildings(1) },
          { name: '幸福社区第二网格', kind: 'grid', boundary: box(104.084, 30.650), children: buildings(4) },
        ],
      },
      {
        name: '青山村', kind: 'village', children: [
          { name: '青山村第一网格', kind: 'grid', boundary: box(104.120, 30.700, 0.02, 0.015), children: [{ name: '李家院坝', kind: 'courtyard' }, { name: '王家院坝', kind: 'courtyard' }] },
          { name: '青山村第二网格', kind: 'grid', boundary: box(104.140, 30.700, 0.02, 0.015), children: [{ name: '张家院坝', kind: 'courtyard' }, { name: '陈家院坝', kind: 'courtyard' }] },
        ],
      },
    ],
  }],
}

const STAFF: { username: string; displayName: string; role: Role; unit: string; label: string }[] = [
  { username: 'admin', displayName: '刘书记', role: 'community_admin', unit: '幸福社区', label: '社区管理员（幸福社区）' },
  { username: 'vadmin', displayName: '周主任', role: 'community_admin', unit: '青山村', label: '村管理员（青山村）' },
  { username: 'grid1', displayName: '王网格', role: 'grid_worker', unit: '幸福社区第一网格', label: '网格员（幸福社区第一网格）' },
  { username: 'grid2', displayName: '赵网格', role: 'grid_worker', unit: '幸福社区第二网格', label: '网格员（幸福社区第二网格）' },
  { username: 'vgrid1', displayName: '孙网格', role: 'grid_worker', unit: '青山村第一网格', label: '网格员（青山村第一网格）' },
  { username: 'head1', displayName: '李院坝长', role: 'courtyard_head', unit: '李家院坝', label: '院坝长（李家院坝）' },
  { username: 'dept1', displayName: '城管科小陈', role: 'dept_staff', unit: '和平街道', label: '职能部门（和平街道城管科）' },
  { username: 'shop1', displayName: '积分超市小吴', role: 'shopkeeper', unit: '幸福社区', label: '积分超市店员（幸福社区）' },
  { username: 'supervisor1', displayName: '监督组老郑', role: 'supervisor', unit: '幸福社区', label: '监督员（幸福社区）' },
  { username: 'rider1', displayName: '外卖骑手小马', role: 'observer', unit: '和平街道', label: '议事观察员·外卖骑手（和平街道）' },
]

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'
const GIVEN = ['建国', '秀英', '桂芳', '志强', '淑珍', '德明', '玉兰', '国庆', '海燕', '文华', '明', '丽', '军', '敏', '勇', '静']

/** Loads the demo street into an empty database; a database that has units is left alone. */
export async function seedDemo(db: Db) {
  const accounts = [...STAFF.map((s) => ({ username: s.username, label: s.label })), { username: 'resident1 … resident20', label: '已绑定住户的居民（开发登录）' }]
  const [existing] = await db.select({ id: units.id }).from(units).limit(1)
  if (existing) {
    const rows = await db.$count(households)
    return { created: false, households: rows, accounts }
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  let count = 0
  await db.transaction(async (tx) => {
    const byName = new Map<string, { id: string; kind: UnitKind; communityId: string | null }>()
    const unitRows: (typeof units.$inferInsert)[] = []
    const walk = (spec: UnitSpec, parent: { id: string; path: string; communityId: string | null } | null) => {
      const id = randomUUID()
      const path = `${parent?.path ?? '/'}${id}/`
      const isCommunity = ['community', 'village', 'enterprise'].includes(spec.kind)
      const communityId = isCommunity ? id : parent?.communityId ?? null
      unitRows.push({ id, parentId: parent?.id ?? null, kind: spec.kind, name: spec.name, path, communityId, boundary: spec.boundary ?? null })
      byName.set(spec.name, { id, kind: spec.kind, communityId })
      for (const child of spec.children ?? []) walk(child, { id, path, communityId })
      return { id, isLeaf: !spec.children?.length }
    }
    walk(TREE, null)
    await tx.insert(units).values(unitRows)

    const leaves = unitRows.filter((u) => !unitRows.some((c) => c.parentId === u.id) && u.communityId)
    const householdRows: (typeof households.$inferInsert)[] = []
    let n = 0
    for (const leaf of leaves) {
      const isCourtyard = leaf.kind === 'courtyard'
      const perLeaf = isCourtyard ? 14 : 12
      for (let i = 1; i <= perLeaf; i++, n++) {
        const floor = Math.ceil(i / 2)
        const address = isCourtyard ? `${leaf.name}${i}号` : `${leaf.name}${floor}0${(i % 2) + 1}室`
        householdRows.push({
          id: randomUUID(), unitId: leaf.id!, communityId: leaf.communityId!, address,
          headName: SURNAMES[n % SURNAMES.length] + GIVEN[n % GIVEN.length],
          area: (isCourtyard ? 120 + (n % 7) * 15 : 60 + (n % 9) * 8.5).toFixed(2),
        })
      }
    }
    await tx.insert(households).values(householdRows)
    count = householdRows.length

    const staffRows = STAFF.map((s) => ({ id: randomUUID(), username: s.username, displayName: s.displayName, passwordHash }))
    const residentRows = Array.from({ length: 20 }, (_, i) => ({
      id: randomUUID(), username: `resident${i + 1}`, displayName: householdRows[i * 9].headName!, privacyAgreedAt: new Date(), privacyVersion: '2026-11',
    }))
    await tx.insert(users).values([...staffRows, ...residentRows])
    await tx.insert(roleGrants).values(STAFF.map((s, i) => ({ userId: staffRows[i].id, unitId: byName.get(s.unit)!.id, role: s.role })))
    await tx.insert(householdMembers).values(residentRows.map((r, i) => ({ householdId: householdRows[i * 9].id!, userId: r.id, isHead: true, isAdult: true })))
    await seedPublicityDemo(tx, {
      unit: (name) => { const u = unitRows.find((r) => r.name === name)!; return { id: u.id!, path: u.path, communityId: u.communityId ?? u.id! } },
      user: (username) => staffRows.find((r) => r.username === username)!.id,
    })
    await seedDeliberationDemo(tx, {
      unit: (name) => { const u = unitRows.find((r) => r.name === name)!; return { id: u.id!, path: u.path, communityId: u.communityId ?? u.id! } },
      user: (username) => [...staffRows, ...residentRows].find((r) => r.username === username)!.id,
    })
    await writeSeedAudit(tx, count)
  })
  return { created: true, households: count, accounts }
}

async function writeSeedAudit(tx: Tx, households: number) {
  const { writeAudit } = await import('../modules/audit/audit.service')
  await writeAudit(tx, { actorId: null, action: 'seed.demo', entity: 'database', entityId: 'demo', after: { households } })
}
