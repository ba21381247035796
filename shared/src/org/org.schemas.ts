import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'

export const UnitKind = z.enum(['district', 'street', 'town', 'community', 'village', 'enterprise', 'grid', 'courtyard', 'building', 'unit'])
export type UnitKind = z.infer<typeof UnitKind>
export const UnitKindLabel: Record<UnitKind, string> = {
  district: '区', street: '街道', town: '镇', community: '社区', village: '村', enterprise: '企业',
  grid: '网格', courtyard: '院坝', building: '楼栋', unit: '单元',
}

/** Roles are granted on a unit and reach every unit below it. */
export const Role = z.enum(['community_admin', 'grid_worker', 'courtyard_head', 'dept_staff', 'shopkeeper', 'supervisor', 'observer',
  'publicist', 'errand_agent', 'informant'])
export type Role = z.infer<typeof Role>
export const RoleLabel: Record<Role | 'resident' | 'household_head', string> = {
  community_admin: '社区管理员', grid_worker: '网格员', courtyard_head: '院坝长/楼栋长', dept_staff: '职能部门',
  shopkeeper: '积分超市店员', supervisor: '监督员', observer: '议事观察员', resident: '居民', household_head: '户主',
  publicist: '宣传员', errand_agent: '代办员', informant: '信息员',
}

/**
 * 一长三员: a courtyard is run by its 院坝长 and three volunteers, a 宣传员 (outreach), a 代办员
 * (errands) and a 信息员 (information). The volunteers are residents of the courtyard (they keep
 * their household) and are granted on a courtyard unit only.
 */
export const COURTYARD_VOLUNTEER_ROLES = ['publicist', 'errand_agent', 'informant'] as const satisfies readonly Role[]
/** 一长三员 in the order the courtyard page shows them. */
export const COURTYARD_TEAM_ROLES = ['courtyard_head', ...COURTYARD_VOLUNTEER_ROLES] as const satisfies readonly Role[]
/** The three volunteers are granted on a courtyard unit only (by name or by code). */
export const roleFitsUnit = (role: Role, kind: string) => !(COURTYARD_VOLUNTEER_ROLES as readonly Role[]).includes(role) || kind === 'courtyard'

/**
 * Read-only roles. An account holding one (the supervisory committee, 监督小组 / 村务监督委员会)
 * reads what its grants let it read and changes nothing, anywhere: not as staff, not as a
 * resident (no 我也遇到, no ballot, no order, no objection), so that oversight stays outside what
 * it oversees. The server refuses its writes; the mini-program says so instead of offering them.
 */
export const READ_ONLY_ROLES: readonly Role[] = ['supervisor']
export const isReadOnlyAccount = (roles: readonly { role: Role }[]) => roles.some((r) => READ_ONLY_ROLES.includes(r.role))

export const LngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
export const Unit = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: UnitKind,
  name: z.string(),
  /** Grid boundary, WGS84 [lng, lat] ring; only grids carry one. */
  boundary: z.array(LngLat).nullable(),
})
export type Unit = z.infer<typeof Unit>
export const UnitChildren = z.object({ items: z.array(Unit) })
/** a unit and the units above it, nearest first (its grid, its community, its street ...) */
export const UnitAncestors = z.object({ items: z.array(Unit) })

export const AreaM2 = z.number().positive().max(100000).multipleOf(0.01)

export const Member = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  isHead: z.boolean(),
  isAdult: z.boolean(),
})
export const Household = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  address: z.string(),
  headName: z.string().nullable(),
  area: z.number().nullable().describe('专有部分面积 m²'),
  members: z.array(Member),
  createdAt: IsoDateTime,
})
export type Household = z.infer<typeof Household>
export const HouseholdList = z.object({ items: z.array(Household), nextCursor: z.string().nullable() })
export const HouseholdListQuery = z.object({
  q: z.string().max(100).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const CreateHouseholdBody = z.object({
  unitId: z.uuid().describe('leaf unit (building, courtyard, unit or grid) below the path unit'),
  address: z.string().trim().min(1).max(200),
  headName: z.string().trim().min(1).max(50).optional(),
  area: AreaM2.optional(),
})
export const UpdateHouseholdBody = z.object({
  address: z.string().trim().min(1).max(200).optional(),
  headName: z.string().trim().min(1).max(50).nullable().optional(),
  area: AreaM2.nullable().optional(),
}).refine((b) => Object.keys(b).length > 0, { message: '至少修改一个字段' })

export const BindingCode = z.object({
  code: z.string().describe('shown once; give it to the household'),
  householdId: z.uuid(),
  expiresAt: IsoDateTime,
})
export const IssueBindingCodeBody = z.object({
  validDays: z.number().int().min(1).max(30).default(7),
})
export const BindHouseholdBody = z.object({
  code: z.string().trim().min(4).max(32),
  isAdult: z.boolean().default(true),
})

export const ImportRowProblem = z.object({
  row: z.number().int().describe('the line in the file as a spreadsheet shows it: the header is line 1, blank lines count'),
  problems: z.array(z.string()),
})
export const ImportReport = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  valid: z.number().int(),
  imported: z.number().int(),
  rejected: z.array(ImportRowProblem),
})
export const ImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
})
/** Column headers accepted in roster files (Chinese or English). */
export const ImportColumns = {
  unit: ['单元', '楼栋', '院坝', 'unit'],
  address: ['地址', '门牌', 'address'],
  head: ['户主', 'head'],
  area: ['面积', '面积(m²)', 'area'],
} as const

export const GrantRoleBody = z.object({ userId: z.uuid(), role: Role })
export const RevokeRoleBody = GrantRoleBody
export const RoleGrant = z.object({ userId: z.uuid(), unitId: z.uuid(), role: Role, unitName: z.string() })

/**
 * Roles a community office may hand out by a one-time code (a rider binds on the phone, no password):
 * staff who need no household. Administrators are granted by name (POST /units/:id/roles), never by a code
 * that could be forwarded.
 */
export const CODE_ROLES = ['observer', 'grid_worker', 'courtyard_head', 'dept_staff', 'shopkeeper', 'supervisor',
  'publicist', 'errand_agent', 'informant'] as const satisfies readonly Role[]
export const CodeRole = z.enum(CODE_ROLES)
export type CodeRole = z.infer<typeof CodeRole>
export const IssueRoleCodeBody = z.object({
  role: CodeRole,
  validDays: z.number().int().min(1).max(30).default(3),
})
export const RoleCode = z.object({
  code: z.string().describe('shown once; the person enters it on the phone (我的 → 输入邀请码)'),
  unitId: z.uuid(),
  unitName: z.string(),
  role: CodeRole,
  expiresAt: IsoDateTime,
})
export const RedeemRoleCodeBody = z.object({ code: z.string().trim().min(4).max(32) })
