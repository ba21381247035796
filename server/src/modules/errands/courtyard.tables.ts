import { check, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { users } from '../auth/auth.tables'
import { units } from '../org/org.tables'

/**
 * 一长三员 contact: a phone number a courtyard's 院坝长 or volunteer chose to show to the
 * courtyard's residents. Only what the person entered (consent is the act of entering it);
 * removed when they clear it. Shown only while they hold the role on the courtyard.
 */
export const courtyardContacts = pgTable('courtyard_contacts', {
  userId: uuid('user_id').notNull().references(() => users.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  phone: text('phone').notNull(),
  agreedAt: timestamp('agreed_at', { withTimezone: true }).notNull(),
}, (t) => [
  primaryKey({ name: 'courtyard_contacts_pk', columns: [t.userId, t.unitId] }),
  check('courtyard_contacts_phone_ck', sql`${t.phone} ~ '^[0-9+\\- ]{5,20}$'`),
])
