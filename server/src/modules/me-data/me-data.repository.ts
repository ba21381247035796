import { sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { rowsOf } from '../points/points.repository'

/**
 * Reads for 个人信息: every row keyed to one user (or, for household facts, to the
 * user's household). Raw SQL, one query per section; each selects only what MyData shows.
 */
type Row = Record<string, unknown>
const all = async <T = Row>(db: DbOrTx, q: SQL) => rowsOf<T>(await db.execute(q))

export const profile = (db: DbOrTx, userId: string, now: Date) => all(db, sql`
  SELECT u.id, u.display_name, u.username, u.wechat_open_id IS NOT NULL AS wechat_bound, u.privacy_agreed_at, u.privacy_version, u.created_at,
    (SELECT count(DISTINCT family_id)::int FROM refresh_tokens r
      WHERE r.user_id = u.id AND r.revoked_at IS NULL AND r.replaced_at IS NULL AND r.expires_at > ${now.toISOString()}::timestamptz) AS active_sessions
  FROM users u WHERE u.id = ${userId}`)

export const household = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT h.id, h.address, h.area, un.path AS unit_path, m.is_head, m.joined_at,
    (SELECT count(*)::int FROM household_members o WHERE o.household_id = h.id) AS member_count
  FROM household_members m JOIN households h ON h.id = m.household_id JOIN units un ON un.id = h.unit_id
  WHERE m.user_id = ${userId}`)

export const roles = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT g.role, g.unit_id, un.name AS unit_name, g.granted_at FROM role_grants g JOIN units un ON un.id = g.unit_id
  WHERE g.user_id = ${userId} ORDER BY g.granted_at`)

export const reports = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT r.id, c.name AS category_name, r.description, r.address, r.status, r.anonymous, r.created_at,
    (SELECT count(*)::int FROM report_photos p WHERE p.report_id = r.id AND p.kind = 'before') AS photo_count
  FROM reports r JOIN report_categories c ON c.code = r.category
  WHERE r.reporter_id = ${userId} ORDER BY r.created_at DESC`)

export const supports = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT report_id, at FROM report_supports WHERE user_id = ${userId} ORDER BY at DESC`)

export const topics = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT id, title, body, status, created_at FROM topics WHERE raised_by = ${userId} ORDER BY created_at DESC`)

export const cosigns = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT c.topic_id, t.title, c.created_at FROM topic_cosigns c JOIN topics t ON t.id = c.topic_id
  WHERE c.user_id = ${userId} ORDER BY c.created_at DESC`)

/** Meetings the user attended in person, or their household did. */
export const meetings = (db: DbOrTx, userId: string, householdId: string | null) => all(db, sql`
  SELECT * FROM (
    SELECT DISTINCT ON (mt.id) mt.id, mt.title, mt.starts_at, coalesce(a.user_id = ${userId}, false) AS me
    FROM meeting_attendance a JOIN meetings mt ON mt.id = a.meeting_id
    WHERE a.user_id = ${userId} ${householdId ? sql`OR a.household_id = ${householdId}` : sql``}
    ORDER BY mt.id, coalesce(a.user_id = ${userId}, false) DESC
  ) m ORDER BY starts_at DESC`)

/** Ballots the user cast online. Paper and door-to-door ballots a worker entered are other households' choices: never here. */
export const myBallots = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT b.poll_id, p.title, p.options, b.choices, b.receipt, b.cast_at, b.superseded_at IS NOT NULL AS superseded
  FROM ballots b JOIN polls p ON p.id = b.poll_id
  WHERE b.entered_by = ${userId} AND b.channel = 'online' ORDER BY b.cast_at DESC`)

/** The household's counted ballots: which polls it voted in, nothing of how. */
export const householdVotes = (db: DbOrTx, userId: string, householdId: string) => all(db, sql`
  SELECT b.poll_id, p.title, b.cast_at, (b.entered_by = ${userId} AND b.channel = 'online') AS by_me
  FROM ballots b JOIN polls p ON p.id = b.poll_id
  WHERE b.household_id = ${householdId} AND b.superseded_at IS NULL ORDER BY b.cast_at DESC`)

export const objections = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT o.post_id, bp.title, o.body, o.answer, o.created_at FROM board_objections o JOIN board_posts bp ON bp.id = o.post_id
  WHERE o.user_id = ${userId} ORDER BY o.created_at DESC`)

export const ratings = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT r.item_id, i.title, r.rating, r.comment, r.at FROM tracked_item_ratings r JOIN tracked_items i ON i.id = r.item_id
  WHERE r.user_id = ${userId} ORDER BY r.at DESC`)

export const orders = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT o.id, i.name, o.quantity, o.points_total, o.status, o.created_at FROM shop_orders o JOIN shop_items i ON i.id = o.item_id
  WHERE o.user_id = ${userId} ORDER BY o.created_at DESC`)

export const ledger = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT un.name AS community_name, e.delta, e.balance_after, e.reason, e.note, e.at
  FROM points_entries e JOIN points_accounts a ON a.id = e.account_id JOIN units un ON un.id = a.community_id
  WHERE a.user_id = ${userId} ORDER BY e.id DESC`)

export const balance = async (db: DbOrTx, userId: string) =>
  (await all<{ b: number }>(db, sql`SELECT coalesce(sum(balance), 0)::int AS b FROM points_accounts WHERE user_id = ${userId}`))[0]?.b ?? 0

export const notifications = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT title, body, created_at, read_at FROM notifications WHERE user_id = ${userId} ORDER BY created_at DESC`)

export const uploads = (db: DbOrTx, userId: string) => all(db, sql`
  SELECT id, width, height, bytes, created_at FROM uploads WHERE owner_id = ${userId} ORDER BY created_at DESC`)
