import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'
import { Role } from '../org/org.schemas'
import { LedgerReason, ShopOrderStatus } from '../points/points.schemas'

/**
 * 个人信息 (PIPL): what the product holds about the caller and their household. A whitelist:
 * another member's ballot choices never appear — a household ballot someone else cast is
 * only "the household voted" (householdVotes), choices only for ballots the caller cast (myBallots).
 */
export const MyData = z.object({
  exportedAt: IsoDateTime,
  profile: z.object({
    id: z.uuid(),
    displayName: z.string(),
    username: z.string().nullable(),
    wechatBound: z.boolean().describe('whether a WeChat identity (openid) is tied to the account; the id itself is not shown'),
    privacyAgreedAt: IsoDateTime.nullable(),
    privacyVersion: z.string().nullable(),
    createdAt: IsoDateTime,
    activeSessions: z.number().int().describe('devices signed in (live refresh tokens)'),
  }),
  household: z.object({
    id: z.uuid(),
    address: z.string(),
    unitPath: z.string(),
    area: z.number().nullable(),
    isHead: z.boolean(),
    joinedAt: IsoDateTime,
    memberCount: z.number().int(),
  }).nullable(),
  roles: z.array(z.object({ role: Role, unitId: z.uuid(), unitName: z.string(), grantedAt: IsoDateTime })),
  reports: z.array(z.object({
    id: z.uuid(), categoryName: z.string(), description: z.string(), address: z.string().nullable(),
    status: z.string(), anonymous: z.boolean(), photoCount: z.number().int(), createdAt: IsoDateTime,
  })),
  supports: z.array(z.object({ reportId: z.uuid(), at: IsoDateTime })),
  topics: z.array(z.object({ id: z.uuid(), title: z.string(), body: z.string(), status: z.string(), createdAt: IsoDateTime })),
  cosigns: z.array(z.object({ topicId: z.uuid(), topicTitle: z.string(), at: IsoDateTime })),
  meetings: z.array(z.object({ meetingId: z.uuid(), title: z.string(), startsAt: IsoDateTime, attended: z.enum(['me', 'household']) })),
  myBallots: z.array(z.object({
    pollId: z.uuid(), pollTitle: z.string(), choices: z.array(z.string()).describe('option labels'),
    receipt: z.string(), castAt: IsoDateTime, superseded: z.boolean(),
  })).describe('ballots the caller cast online; never a ballot another member or a worker entered'),
  householdVotes: z.array(z.object({ pollId: z.uuid(), pollTitle: z.string(), votedAt: IsoDateTime, byMe: z.boolean() }))
    .describe('polls in which the household has a counted ballot: only that it voted'),
  objections: z.array(z.object({ postId: z.uuid(), postTitle: z.string(), body: z.string(), answer: z.string().nullable(), createdAt: IsoDateTime })),
  ratings: z.array(z.object({ itemId: z.uuid(), itemTitle: z.string(), rating: z.string(), comment: z.string().nullable(), at: IsoDateTime })),
  orders: z.array(z.object({
    id: z.uuid(), itemName: z.string(), quantity: z.number().int(), pointsTotal: z.number().int(), status: ShopOrderStatus, createdAt: IsoDateTime,
  })),
  points: z.object({
    balance: z.number().int(),
    ledger: z.array(z.object({
      communityName: z.string(), delta: z.number().int(), balanceAfter: z.number().int(), reason: LedgerReason, note: z.string().nullable(), at: IsoDateTime,
    })),
  }),
  notifications: z.array(z.object({ title: z.string(), body: z.string(), createdAt: IsoDateTime, readAt: IsoDateTime.nullable() })),
  uploads: z.array(z.object({ id: z.uuid(), width: z.number().int(), height: z.number().int(), bytes: z.number().int(), createdAt: IsoDateTime })),
})
export type MyData = z.infer<typeof MyData>

export const MyDataExportQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json') })

/** The words the user confirms with: the client sends them only after the dialog naming the consequences. */
export const CLOSE_ACCOUNT_CONFIRMATION = '确认注销'
export const CloseAccountBody = z.object({
  confirm: z.literal(CLOSE_ACCOUNT_CONFIRMATION, { error: `请确认注销：confirm 须为“${CLOSE_ACCOUNT_CONFIRMATION}”` }),
})
export const CloseAccountResult = z.object({
  closedAt: IsoDateTime,
  pointsForfeited: z.number().int(),
  ordersCancelled: z.number().int(),
  leftHousehold: z.boolean(),
  /** a head leaving passes the household to this member; null: no member left (the roster line stays) or not the head */
  newHeadUserId: z.uuid().nullable(),
  photosDeleted: z.number().int(),
})
export type CloseAccountResult = z.infer<typeof CloseAccountResult>

/** What a closed account is called wherever its old records are shown. */
export const CLOSED_ACCOUNT_NAME = '已注销用户'
