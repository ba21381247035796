import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Role, UnitKind } from '@linli/shared'
import type { Db } from '../../server/src/db/db'
import { users } from '../../server/src/modules/auth/auth.tables'
import { hashPassword } from '../../server/src/modules/auth/auth.service'
import { householdMembers, households, roleGrants, units } from '../../server/src/modules/org/org.tables'

export async function makeUnit(db: Db, v: { name: string; kind: UnitKind; parent?: { id: string; path: string; communityId: string | null }; boundary?: [number, number][] }) {
  const id = randomUUID()
  const path = `${v.parent?.path ?? '/'}${id}/`
  const communityId = ['community', 'village', 'enterprise'].includes(v.kind) ? id : v.parent?.communityId ?? null
  const [row] = await db.insert(units).values({ id, parentId: v.parent?.id ?? null, kind: v.kind, name: v.name, path, communityId, boundary: v.boundary ?? null }).returning()
  return row
}

/** street > community > grid A (building A > unit A1) and grid B (building B > unit B1) */
export async function makeOrg(db: Db) {
  const street = await makeUnit(db, { name: '测试街道', kind: 'street' })
  const community = await makeUnit(db, { name: '测试社区', kind: 'community', parent: street })
  const gridA = await makeUnit(db, { name: 'A网格', kind: 'grid', parent: community })
  const buildingA = await makeUnit(db, { name: 'A1栋', kind: 'building', parent: gridA })
  const unitA1 = await makeUnit(db, { name: 'A1栋1单元', kind: 'unit', parent: buildingA })
  const gridB = await makeUnit(db, { name: 'B网格', kind: 'grid', parent: community })
  const buildingB = await makeUnit(db, { name: 'B1栋', kind: 'building', parent: gridB })
  const unitB1 = await makeUnit(db, { name: 'B1栋1单元', kind: 'unit', parent: buildingB })
  return { street, community, gridA, buildingA, unitA1, gridB, buildingB, unitB1 }
}

let userSeq = 0
export async function makeUser(db: Db, v: { username?: string; password?: string; displayName?: string; roles?: { role: Role; unitId: string }[] } = {}) {
  const [user] = await db.insert(users).values({
    username: v.username ?? `user${++userSeq}-${randomUUID().slice(0, 6)}`,
    displayName: v.displayName ?? '测试用户',
    passwordHash: v.password ? await hashPassword(v.password) : null,
  }).returning()
  if (v.roles?.length) await db.insert(roleGrants).values(v.roles.map((r) => ({ userId: user.id, ...r })))
  return user
}

export async function makeHousehold(db: Db, unit: { id: string; communityId: string | null }, address: string, area = 88.5) {
  const [row] = await db.insert(households).values({ unitId: unit.id, communityId: unit.communityId!, address, area: area.toFixed(2) }).returning()
  return row
}

export async function addMember(db: Db, householdId: string, userId: string, isHead = true) {
  await db.insert(householdMembers).values({ householdId, userId, isHead })
}

/** Ten years: see bearer(). */
const TEST_TOKEN_LIFETIME_SECONDS = 10 * 365 * 86_400

/**
 * An access token for a user, signed by the app itself. A test convenience: it lives ten
 * years (not the app's 15 minutes) so tests can move the clock by days after making one.
 * Tests about access-token expiry log in for real (POST /auth/password) instead.
 */
export const bearer = (app: FastifyInstance, userId: string) => ({
  authorization: `Bearer ${app.jwt.sign({ sub: userId }, { expiresIn: TEST_TOKEN_LIFETIME_SECONDS })}`,
})
