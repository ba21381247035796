import { z } from 'zod'

/** What a community admin configures for 随手拍: categories with their SLAs, and the department directory. */
export const SETTINGS_LIMITS = { nameMax: 20, acceptHoursMax: 24 * 30, resolveDaysMax: 365, departmentNameMax: 40, contactMax: 100 } as const

const CategoryName = z.string().trim().min(1, '请填写类别名称').max(SETTINGS_LIMITS.nameMax)
const AcceptHours = z.number().int().min(1, '受理时限至少 1 小时').max(SETTINGS_LIMITS.acceptHoursMax).describe('SLA: hours to accept')
const ResolveDays = z.number().int().min(1, '办结时限至少 1 天').max(SETTINGS_LIMITS.resolveDaysMax).describe('SLA: days to resolve after acceptance')

export const CategoryListQuery = z.object({
  unitId: z.uuid().optional().describe("the categories offered in this unit's community (its own settings applied); the defaults without it"),
})

/** A category as its community's admin sees it, inactive ones included. */
export const CategorySetting = z.object({
  code: z.string(),
  name: z.string(),
  acceptHours: z.number().int(),
  resolveDays: z.number().int(),
  active: z.boolean().describe('offered to reporters; existing reports keep their category either way'),
  custom: z.boolean().describe("added by this community (not one of the defaults)"),
})
export type CategorySetting = z.infer<typeof CategorySetting>
export const CategorySettingList = z.object({ communityId: z.uuid(), items: z.array(CategorySetting) })

export const CreateCategoryBody = z.object({
  communityId: z.uuid(),
  name: CategoryName,
  acceptHours: AcceptHours,
  resolveDays: ResolveDays,
})
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>
export const UpdateCategoryBody = z.object({
  communityId: z.uuid().describe('whose settings change: a default category changes for this community only'),
  name: CategoryName.optional(),
  acceptHours: AcceptHours.optional(),
  resolveDays: ResolveDays.optional(),
  active: z.boolean().optional(),
})
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>
export const CategoryCodeParams = z.object({ code: z.string().regex(/^[a-z_]{1,32}$/) })

export const Department = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  name: z.string(),
  unitId: z.uuid().describe('where a dispatch to this department goes (its staff hold dept_staff there)'),
  unitName: z.string(),
  contact: z.string().nullable(),
  active: z.boolean(),
})
export type Department = z.infer<typeof Department>
export const DepartmentList = z.object({ items: z.array(Department) })
const DepartmentName = z.string().trim().min(1, '请填写部门名称').max(SETTINGS_LIMITS.departmentNameMax)
const Contact = z.string().trim().max(SETTINGS_LIMITS.contactMax)
export const CreateDepartmentBody = z.object({ name: DepartmentName, unitId: z.uuid(), contact: Contact.optional() })
export type CreateDepartmentBody = z.infer<typeof CreateDepartmentBody>
export const UpdateDepartmentBody = z.object({
  name: DepartmentName.optional(), unitId: z.uuid().optional(), contact: Contact.nullable().optional(), active: z.boolean().optional(),
})
export type UpdateDepartmentBody = z.infer<typeof UpdateDepartmentBody>
