import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  displayName: text('display_name').notNull(),
  /** staff log in with a username and password; residents may have a username from dev login */
  username: text('username'),
  passwordHash: text('password_hash'),
  wechatOpenId: text('wechat_open_id'),
  privacyAgreedAt: timestamp('privacy_agreed_at', { withTimezone: true }),
  privacyVersion: text('privacy_version'),
  /** 注销账号: set once; the row stays as an anonymous tombstone so reports, ballots and ledgers keep their foreign keys */
  closedAt: timestamp('closed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_username_uq').on(t.username), uniqueIndex('users_wechat_open_id_uq').on(t.wechatOpenId)])

/**
 * Refresh tokens, stored as sha256 hashes. Each rotation marks the old token replaced;
 * presenting a replaced token again means it leaked, so the whole family is revoked.
 */
export const refreshTokens = pgTable('refresh_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id),
  familyId: uuid('family_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  replacedAt: timestamp('replaced_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('refresh_tokens_hash_uq').on(t.tokenHash), index('refresh_tokens_family_idx').on(t.familyId)])
