import { and, eq, isNotNull, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { pointInPolygon, type LatLng } from '../../lib/geo'
import { households, units } from '../org/org.tables'

type Unit = typeof units.$inferSelect
export interface Place { unitId: string; unitPath: string; communityId: string; lat: number; lng: number }

/** The middle of a grid's boundary ring (the mean of its corners: grids are small, convex enough). */
function centre(rings: [number, number][][]): LatLng | undefined {
  const pts = rings.flatMap((ring) => ring.slice(0, ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? -1 : undefined))
  if (pts.length === 0) return undefined
  return { lng: pts.reduce((s, p) => s + p[0], 0) / pts.length, lat: pts.reduce((s, p) => s + p[1], 0) / pts.length }
}

/**
 * Where an Open311 report goes, in its key's community (DESIGN §3.1 without a reporter's household):
 * - with coordinates: the grid whose boundary holds the point, else the community's triage queue;
 * - with an address only: the unit whose name (A1栋, B网格 …) or a roster address the text holds,
 *   the longest match winning, then the grid above it; else the triage queue. The report's
 *   coordinates are then the centre of that grid (of all the community's grids for triage), so an
 *   address-only report carries an approximate point; with no grid boundary at all it cannot be placed.
 */
export async function placeReport(db: DbOrTx, community: Unit, where: { point?: LatLng; address?: string }): Promise<Place | undefined> {
  const grids = await db.select().from(units)
    .where(and(eq(units.kind, 'grid'), isNotNull(units.boundary), sql`${units.path} like ${community.path + '%'}`))
  const triage = { unitId: community.id, unitPath: community.path, communityId: community.id }
  if (where.point) {
    const hit = grids.find((g) => pointInPolygon(where.point!, g.boundary!))
    return { ...(hit ? { unitId: hit.id, unitPath: hit.path, communityId: community.id } : triage), ...where.point }
  }
  const text = where.address ?? ''
  const [named] = await db.select({ path: units.path, len: sql<number>`length(${units.name})` }).from(units)
    .where(and(sql`${units.path} like ${community.path + '%'}`, sql`${units.id} <> ${community.id}`, sql`length(${units.name}) >= 2`, sql`strpos(${text}, ${units.name}) > 0`))
    .orderBy(sql`length(${units.name}) desc`).limit(1)
  const [roster] = await db.select({ path: units.path, len: sql<number>`length(${households.address})` }).from(households)
    .innerJoin(units, eq(units.id, households.unitId))
    .where(and(eq(households.communityId, community.id), sql`length(${households.address}) >= 2`, sql`strpos(${text}, ${households.address}) > 0`))
    .orderBy(sql`length(${households.address}) desc`).limit(1)
  const best = [named, roster].filter(Boolean).sort((a, b) => b!.len - a!.len)[0]
  // the grid on the matched unit's path (a building's grid is its ancestor, a grid is itself)
  const grid = best ? grids.filter((g) => best.path.startsWith(g.path)).sort((a, b) => b.path.length - a.path.length)[0] : undefined
  const at = centre(grid ? [grid.boundary!] : grids.map((g) => g.boundary!))
  if (!at) return undefined
  return { ...(grid ? { unitId: grid.id, unitPath: grid.path, communityId: community.id } : triage), ...at }
}
