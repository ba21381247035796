import { z } from 'zod'
import { COURTYARD_TEAM_ROLES } from './org.schemas'

/** 一长三员 on a courtyard's page: who they are and, if they chose to show one, a phone. */
export const CourtyardTeamRole = z.enum(COURTYARD_TEAM_ROLES)
export const CourtyardTeamMember = z.object({
  role: CourtyardTeamRole,
  roleLabel: z.string(),
  displayName: z.string(),
  phone: z.string().nullable().describe('only when the person entered it to be shown here (opt-in); else reach them in person or through the 院坝长'),
  isMe: z.boolean(),
})
export const CourtyardTeam = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  members: z.array(CourtyardTeamMember).describe('院坝长, 宣传员, 代办员, 信息员 in that order; a role nobody holds is absent'),
  vacant: z.array(CourtyardTeamRole).describe('roles of the four nobody holds yet'),
})
export type CourtyardTeam = z.infer<typeof CourtyardTeam>
export const CourtyardHouseholds = z.object({
  unitId: z.uuid(), unitName: z.string(),
  items: z.array(z.object({ id: z.uuid(), address: z.string() })).describe('addresses only, no names'),
})
export const CourtyardHouseholdsQuery = z.object({ q: z.string().trim().max(50).optional() })
export const CourtyardContactBody = z.object({
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, '请填写电话号码（数字）').nullable().describe('null: stop showing it'),
})
