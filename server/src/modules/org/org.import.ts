import { parse } from 'csv-parse/sync'
import { ImportColumns } from '@linli/shared'
import { isStorableText } from '../../lib/storable-text'
import { OrgErrors } from './org.errors'

export interface RosterRow { row: number; unit: string; address: string; head: string; area: string }

/** Reads a roster file (CSV in UTF-8 with or without BOM, or XLSX) into raw text cells. */
export async function readRoster(file: { filename: string; data: Buffer }): Promise<RosterRow[]> {
  const isXlsx = file.data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) // zip container
  if (!isStorableText(file.filename)) throw OrgErrors.importFileUnreadable('文件名含有不允许的字符')
  const lines = isXlsx ? await readXlsx(file.data) : readCsv(file.data)
  const table = lines.filter((l) => l.cells.some((c) => c.trim()))
  if (table.length === 0) throw OrgErrors.importFileUnreadable('文件为空')
  // a NUL or a lone surrogate would fail in the database (or be stored as U+FFFD): name the cell instead
  for (const { line, cells } of table) {
    const c = cells.findIndex((v) => !isStorableText(v))
    if (c >= 0) throw OrgErrors.importFileUnreadable(`第 ${line} 行第 ${c + 1} 列含有不允许的字符（空字符或不成对的代理字符）`)
  }
  const header = table[0].cells.map((h) => h.trim())
  const col = (names: readonly string[]) => header.findIndex((h) => names.includes(h))
  const idx = { unit: col(ImportColumns.unit), address: col(ImportColumns.address), head: col(ImportColumns.head), area: col(ImportColumns.area) }
  if (idx.address < 0) throw OrgErrors.importFileUnreadable('缺少“地址”列（表头需含：单元, 地址, 户主, 面积）')
  const cell = (r: string[], i: number) => (i >= 0 ? (r[i] ?? '').trim() : '')
  // row: the line as the spreadsheet shows it (the header is line 1, blank lines count), so a
  // problem reported for 第 5 行 is found on line 5, not on the fifth data row
  return table.slice(1)
    .map(({ line, cells: r }) => ({ row: line, unit: cell(r, idx.unit), address: cell(r, idx.address), head: cell(r, idx.head), area: cell(r, idx.area) }))
}

/** A row of cells and the file line it starts on (1-based). */
interface Line { line: number; cells: string[] }

function readCsv(data: Buffer): Line[] {
  try {
    // blank lines are kept (and dropped above) so each record's line can be counted from the bytes read before it
    const records = parse(data, { bom: true, relaxColumnCount: true, skipEmptyLines: false, info: true }) as unknown as { record: string[]; info: { bytes: number } }[]
    let at = 0
    let line = 1
    return records.map(({ record, info }) => {
      const starts = line
      for (; at < info.bytes && at < data.length; at++) if (data[at] === 0x0a) line++
      return { line: starts, cells: record }
    })
  } catch (err) {
    throw OrgErrors.importFileUnreadable(`CSV 格式错误（${(err as Error).message.slice(0, 80)}）`)
  }
}

async function readXlsx(data: Buffer): Promise<Line[]> {
  // loaded on first use: exceljs alone is ~40% of the server's module loading at start
  const { Workbook } = await import('exceljs')
  const wb = new Workbook()
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer)
  } catch {
    throw OrgErrors.importFileUnreadable('不是有效的 XLSX 文件')
  }
  const sheet = wb.worksheets[0]
  if (!sheet) return []
  const rows: Line[] = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = []
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text ?? '')
    rows.push({ line: row.number, cells })
  })
  return rows
}
