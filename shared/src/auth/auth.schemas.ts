import { z } from 'zod'
import { Role, RoleLabel } from '../org/org.schemas'

export const WechatLoginBody = z.object({ code: z.string().min(1).max(128) })
export const PasswordLoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
})
export const DevLoginBody = z.object({
  /** an existing demo account's username, or a new resident's open id */
  username: z.string().trim().min(1).max(64),
  displayName: z.string().trim().min(1).max(50).optional(),
})
export const RefreshBody = z.object({ refreshToken: z.string().min(20).max(200) })
export const LogoutBody = RefreshBody

export const TokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().describe('access token lifetime, seconds'),
})

export const MeRole = z.object({ role: Role, unitId: z.uuid(), unitName: z.string() })
export const MeHousehold = z.object({
  id: z.uuid(),
  address: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  /** the unit path from the top, e.g. 和平街道 / 幸福社区 / 1号网格 / 3栋 */
  unitPath: z.string(),
  isHead: z.boolean(),
  area: z.number().nullable(),
})
/** The community (社区、村、企业) a user belongs to, so a tab needs no walk up the unit tree. */
export const MeCommunity = z.object({
  id: z.uuid(),
  name: z.string(),
  /** the unit path from the top down to it, e.g. 和平街道 / 幸福社区 */
  path: z.string(),
})
export const Me = z.object({
  id: z.uuid(),
  displayName: z.string(),
  username: z.string().nullable(),
  privacyAgreedAt: z.string().nullable(),
  household: MeHousehold.nullable(),
  /** my household's community; without a household, that of my first role's unit; null when that unit is above every community (a street) */
  community: MeCommunity.nullable().describe('我所在的社区（村、企业）：本户的；未绑定住户的工作人员为其第一个岗位所在单元的；岗位在社区之上（街道）时为 null'),
  roles: z.array(MeRole),
})
export type Me = z.infer<typeof Me>
export const UpdateMeBody = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  agreePrivacy: z.literal(true).optional(),
})
/** 2026-12: 个人信息 (view, export) and 注销账号 rules added */
export const PRIVACY_VERSION = '2026-12'
export { RoleLabel }
