import { BindHouseholdBody, CreateHouseholdBody, ImportQuery, Role, RoleLabel, UnitKind, UnitKindLabel, UpdateHouseholdBody } from '@linli/shared'

describe('org contract', () => {
  it('labels every unit kind and role in Chinese', () => {
    for (const kind of UnitKind.options) expect(UnitKindLabel[kind]).toMatch(/\p{Script=Han}/u)
    for (const role of Role.options) expect(RoleLabel[role]).toMatch(/\p{Script=Han}/u)
  })

  it('accepts a household with an area in hundredths of m² and trims the address', () => {
    const parsed = CreateHouseholdBody.parse({ unitId: '6f1c1d6e-8a4b-4a4f-9a53-2f4c8c2b9e01', address: ' 1栋101室 ', area: 88.25 })
    expect(parsed.address).toBe('1栋101室')
  })

  it.each([
    [{ area: -3 }, 'area'],
    [{ area: 88.123 }, 'area'],
    [{ address: '' }, 'address'],
    [{ unitId: 'not-a-uuid' }, 'unitId'],
  ])('rejects a bad household %j naming the field', (patch, field) => {
    const result = CreateHouseholdBody.safeParse({ unitId: '6f1c1d6e-8a4b-4a4f-9a53-2f4c8c2b9e01', address: '1栋101室', ...patch })
    expect(result.success).toBe(false)
    expect(result.error!.issues[0].path).toEqual([field])
  })

  it('refuses an empty household patch', () => {
    expect(UpdateHouseholdBody.safeParse({}).success).toBe(false)
    expect(UpdateHouseholdBody.safeParse({ area: null }).success).toBe(true)
  })

  it('reads dryRun from the query string as a boolean, defaulting to a real import', () => {
    expect(ImportQuery.parse({ dryRun: 'true' }).dryRun).toBe(true)
    expect(ImportQuery.parse({}).dryRun).toBe(false)
    expect(ImportQuery.safeParse({ dryRun: 'yes' }).success).toBe(false)
  })

  it('trims binding codes and defaults the member to an adult', () => {
    expect(BindHouseholdBody.parse({ code: ' ABCD2345 ' })).toEqual({ code: 'ABCD2345', isAdult: true })
  })
})
