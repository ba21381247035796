import path from 'node:path'
import type ExcelJSModule from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { bearer } from '../../helpers/factories'

// exceljs and csv-parse are server dependencies: resolve them from there rather than adding them to the root.
const fromServer = (name: string) => require.resolve(name, { paths: [path.join(__dirname, '../../../server')] })
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ExcelJS: typeof ExcelJSModule = require(fromServer('exceljs'))
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require(fromServer('csv-parse/sync')) as { parse: (s: string, o: object) => string[][] }

export const BOM = Buffer.from([0xef, 0xbb, 0xbf])

export async function exportFile(app: FastifyInstance, userId: string | null, unitId: string, dataset: string, query: Record<string, string> = {}) {
  const qs = new URLSearchParams(query).toString()
  return app.inject({ method: 'GET', url: `/api/v1/units/${unitId}/export/${dataset}${qs ? `?${qs}` : ''}`, headers: userId ? bearer(app, userId) : {} })
}

/** The CSV's rows (header first), after checking it starts with the UTF-8 BOM. */
export async function csvRows(app: FastifyInstance, userId: string, unitId: string, dataset: string, query: Record<string, string> = {}): Promise<string[][]> {
  const res = await exportFile(app, userId, unitId, dataset, query)
  if (res.statusCode !== 200) throw new Error(`export ${dataset}: ${res.statusCode} ${res.body}`)
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
  expect(res.rawPayload.subarray(0, 3).equals(BOM)).toBe(true)
  return parse(res.rawPayload.subarray(3).toString('utf8'), { relaxColumnCount: true })
}

/** A row as { header: value }. */
export const record = (header: string[], row: string[]) => Object.fromEntries(header.map((h, i) => [h, row[i]]))

export async function xlsxBook(app: FastifyInstance, userId: string, unitId: string, dataset: string, query: Record<string, string> = {}) {
  const res = await exportFile(app, userId, unitId, dataset, { ...query, format: 'xlsx' })
  if (res.statusCode !== 200) throw new Error(`export ${dataset}: ${res.statusCode} ${res.body}`)
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  return { book, raw: res.rawPayload }
}

/** A sheet's rows as plain values (header first). */
export function sheetRows(sheet: ExcelJSModule.Worksheet): unknown[][] {
  const out: unknown[][] = []
  sheet.eachRow((row) => { out.push((row.values as unknown[]).slice(1)) })
  return out
}
