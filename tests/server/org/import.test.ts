import path from 'node:path'
import { count, eq } from 'drizzle-orm'
import type ExcelJSModule from 'exceljs'
import { households } from '../../../server/src/modules/org/org.tables'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { bearer, makeHousehold, makeOrg, makeUser } from '../../helpers/factories'
import { multipart, rosterCsv } from '../../helpers/multipart'

// exceljs is a server dependency: resolve it from there rather than adding it to the root.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ExcelJS: typeof ExcelJSModule = require(require.resolve('exceljs', { paths: [path.join(__dirname, '../../../server')] }))

let t: TestApp
let org: Awaited<ReturnType<typeof makeOrg>>
let admin: Record<string, string>
let gw: Record<string, string>

beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrg(t.database.db)
  admin = bearer(t.app, (await makeUser(t.database.db, { roles: [{ role: 'community_admin', unitId: org.community.id }] })).id)
  gw = bearer(t.app, (await makeUser(t.database.db, { roles: [{ role: 'grid_worker', unitId: org.gridA.id }] })).id)
})
afterAll(async () => { await t.close() })

const HEADER = ['单元', '地址', '户主', '面积']
/** Four valid rows and one of each kind of problem; `p` keeps addresses apart between tests. */
function roster(p: string): (string | number)[][] {
  return [
    HEADER,
    ['A1栋1单元', `${p}A-101`, '张三', 88.5], // 1 ok
    ['B1栋1单元', `${p}B-201`, '李四', '95㎡'], // 2 ok, unit written with its area sign
    ['', `${p}A-102`, '王五', 70], // 3 no unit
    ['C9栋9单元', `${p}C-901`, '赵六', 60], // 4 unknown unit
    ['A1栋1单元', `${p}A-101`, '钱七', 50], // 5 same address as row 1
    ['A1栋1单元', `${p}已有-1`, '孙八', 66], // 6 already in the roster
    ['B1栋1单元', `${p}B-202`, '周九', 'abc'], // 7 bad area
    ['A1栋', `${p}A-103`, '吴十', 80], // 8 a building with units below it is not a leaf
    ['A1栋1单元', `${p}A-104`, '', ''], // 9 ok, no head, no area
    ['B1栋1单元', `${p}B-203`, '郑十一', -5], // 10 negative area
    ['A1栋1单元', '', '冯十二', 70], // 11 no address
    ['B1栋1单元', `${p}B-204`, '陈十三', '120.40'], // 12 ok
  ]
}
/** rows as the file's lines: the header is line 1, so the comments' row n is line n + 1 */
const expectedRejected = [
  { row: 4, problems: ['缺少单元'] },
  { row: 5, problems: ['单元“C9栋9单元”不在测试社区之下'] },
  { row: 6, problems: ['地址在文件中重复'] },
  { row: 7, problems: ['地址已存在于花名册'] },
  { row: 8, problems: ['面积“abc”无效'] },
  { row: 9, problems: ['单元“A1栋”不在测试社区之下'] },
  { row: 11, problems: ['面积“-5”无效'] },
  { row: 12, problems: ['缺少地址'] },
]

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('花名册')
  for (const r of rows) sheet.addRow(r.map((c) => (c === '' ? null : c)))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const importFile = (unitId: string, file: { filename: string; content: Buffer }, dryRun?: boolean, headers = admin) => {
  const body = multipart([file])
  return t.app.inject({ method: 'POST', url: `/api/v1/units/${unitId}/households/import${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`, headers: { ...headers, ...body.headers }, payload: body.payload })
}
const householdCount = async () => (await t.database.db.select({ n: count() }).from(households))[0].n
const byAddress = async (address: string) => (await t.database.db.select().from(households).where(eq(households.address, address)))[0]

describe.each([
  ['CSV with a BOM', 'csv-', async (rows: (string | number)[][]) => ({ filename: 'roster.csv', content: rosterCsv(rows) })],
  ['XLSX', 'xlsx-', async (rows: (string | number)[][]) => ({ filename: '花名册.xlsx', content: await xlsx(rows) })],
])('roster import from %s', (_kind, prefix, file) => {
  beforeAll(async () => { await makeHousehold(t.database.db, org.unitA1, `${prefix}已有-1`) })

  it('dry run reports every rejected row with its problems and imports nothing', async () => {
    const before = await householdCount()
    const res = await importFile(org.community.id, await file(roster(prefix)), true)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ dryRun: true, total: 12, valid: 4, imported: 0, rejected: expectedRejected })
    expect(await householdCount()).toBe(before)
  })

  it('numbers a problem by the line a spreadsheet shows: the header is line 1 and blank lines count', async () => {
    const res = await importFile(org.community.id, await file([HEADER, ['', '', '', ''], ['A1栋1单元', `${prefix}空行后`, '', 'x']]), true)
    expect(res.statusCode).toBe(200)
    expect(res.json().rejected).toEqual([{ row: 3, problems: ['面积“x”无效'] }])
  })

  it('the real import imports exactly the valid rows, into the named units, in one go', async () => {
    const before = await householdCount()
    const res = await importFile(org.community.id, await file(roster(prefix)), false)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ dryRun: false, total: 12, valid: 4, imported: 4, rejected: expectedRejected })
    expect(await householdCount()).toBe(before + 4)

    expect(await byAddress(`${prefix}A-101`)).toMatchObject({ unitId: org.unitA1.id, communityId: org.community.id, headName: '张三', area: '88.50' })
    expect(await byAddress(`${prefix}B-201`)).toMatchObject({ unitId: org.unitB1.id, headName: '李四', area: '95.00' })
    expect(await byAddress(`${prefix}A-104`)).toMatchObject({ unitId: org.unitA1.id, headName: null, area: null })
    expect(await byAddress(`${prefix}B-204`)).toMatchObject({ unitId: org.unitB1.id, headName: '陈十三', area: '120.40' })
    for (const missing of ['A-102', 'C-901', 'B-202', 'A-103', 'B-203']) expect(await byAddress(`${prefix}${missing}`)).toBeUndefined()
  })

  it('importing the same file again adds nothing: every address is now in the roster', async () => {
    const before = await householdCount()
    const res = await importFile(org.community.id, await file(roster(prefix)), false)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ valid: 0, imported: 0 })
    expect(res.json().rejected.find((r: { row: number }) => r.row === 2)).toEqual({ row: 2, problems: ['地址已存在于花名册'] })
    expect(await householdCount()).toBe(before)
  })
})

describe('the roster template', () => {
  it('downloads as XLSX and CSV with the header the import reads; filled in, it imports', async () => {
    const x = await t.app.inject({ method: 'GET', url: '/api/v1/households/import-template', headers: gw })
    expect(x.statusCode).toBe(200)
    expect(x.headers['content-disposition']).toContain(encodeURIComponent('住户花名册导入模板.xlsx'))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer)
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['单元', '地址', '户主', '面积(m²)'])
    wb.worksheets[0].addRow(['A1栋1单元', '模板-1', '林一', 60])
    const filled = Buffer.from(await wb.xlsx.writeBuffer())
    const res = await importFile(org.gridA.id, { filename: '花名册.xlsx', content: filled }, false, gw)
    expect(res.json()).toMatchObject({ imported: 1, rejected: [] })

    const c = await t.app.inject({ method: 'GET', url: '/api/v1/households/import-template?format=csv', headers: gw })
    expect(c.body).toBe('\uFEFF单元,地址,户主,面积(m²)\r\n')
    const fromCsv = await importFile(org.gridA.id, { filename: 'a.csv', content: Buffer.from(`${c.body}A1栋1单元,模板-2,,\r\n`) }, false, gw)
    expect(fromCsv.json()).toMatchObject({ imported: 1, rejected: [] })
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/households/import-template' })).statusCode).toBe(401)
  })
})

describe('roster import scope and bad files', () => {
  it('a grid worker importing into grid A cannot place rows in grid B', async () => {
    const res = await importFile(org.gridA.id, { filename: 'a.csv', content: rosterCsv([HEADER, ['A1栋1单元', '网格A-1', '', ''], ['B1栋1单元', '网格A-2', '', '']]) }, false, gw)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ dryRun: false, total: 2, valid: 1, imported: 1, rejected: [{ row: 3, problems: ['单元“B1栋1单元”不在A网格之下'] }] })
    expect(await byAddress('网格A-2')).toBeUndefined()
  })

  it('English headers and a file without a BOM are read too', async () => {
    const content = Buffer.from('unit,address,head,area\nA1栋1单元,英文表头-1,Li,70\n', 'utf8')
    const res = await importFile(org.gridA.id, { filename: 'en.csv', content }, true, gw)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ total: 1, valid: 1, rejected: [] })
  })

  it('no file -> 400 org.import_file_missing, as multipart without a file part or as JSON', async () => {
    const onlyField = multipart([], { note: '忘了选文件' })
    const noFile = await t.app.inject({ method: 'POST', url: `/api/v1/units/${org.gridA.id}/households/import`, headers: { ...gw, ...onlyField.headers }, payload: onlyField.payload })
    expect(noFile.statusCode).toBe(400)
    expect(noFile.json().error.code).toBe('org.import_file_missing')
    const json = await t.app.inject({ method: 'POST', url: `/api/v1/units/${org.gridA.id}/households/import`, headers: gw, payload: { rows: [] } })
    expect(json.statusCode).toBe(400)
    expect(json.json().error.code).toBe('org.import_file_missing')
  })

  it.each([
    ['garbage bytes named .xlsx behind a zip header', 'roster.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('this is not a spreadsheet at all'.repeat(20))])],
    ['an empty file', 'empty.csv', Buffer.alloc(0)],
    ['a CSV without an address column', 'cols.csv', rosterCsv([['单元', '户主'], ['A1栋1单元', '张三']])],
    ['a CSV with a broken quote', 'quote.csv', Buffer.from('单元,地址\n"A1栋1单元,没有闭合的引号\n', 'utf8')],
  ])('%s -> 400 org.import_file_unreadable', async (_name, filename, content) => {
    const before = await householdCount()
    const res = await importFile(org.gridA.id, { filename, content }, false, gw)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('org.import_file_unreadable')
    expect(await householdCount()).toBe(before)
  })

  it('dryRun must be true or false -> 400 request.invalid on querystring.dryRun', async () => {
    const body = multipart([{ filename: 'a.csv', content: rosterCsv([HEADER]) }])
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/units/${org.gridA.id}/households/import?dryRun=yes`, headers: { ...gw, ...body.headers }, payload: body.payload })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'request.invalid', field: 'querystring.dryRun' })
  })
})
