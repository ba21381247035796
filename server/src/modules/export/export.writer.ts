import { PassThrough, Readable, type Writable } from 'node:stream'
import type { ExportFormat } from '@linli/shared'

/** A column as people read it: a Chinese header; `money` cells hold 分 and are shown in 元 with two decimals. */
export interface Column { header: string; money?: boolean; width?: number }
export type Cell = string | number | boolean | null
/** One table of the file; its rows come in batches (read from the database one batch at a time). */
export interface Sheet { name: string; columns: Column[]; batches: AsyncIterable<Cell[][]> }

const BOM = '\uFEFF'
/** A text cell Excel would read as a formula (=, +, -, @, or a tab / carriage return first) gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/

function text(cell: Cell, col: Column): string {
  if (cell === null) return ''
  if (typeof cell === 'boolean') return cell ? '是' : '否'
  if (typeof cell === 'number') return col.money ? (cell / 100).toFixed(2) : String(cell)
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

const csvLine = (cells: string[]) => cells.map(csvField).join(',') + '\r\n'

/**
 * CSV in UTF-8 with a BOM (Excel then reads the Chinese right). Several sheets follow one
 * another, each under a 【name】 line. Pulled by the reply: the next batch is read only when
 * the client has taken the previous ones.
 */
function csv(sheets: Sheet[]): Readable {
  async function* lines() {
    yield BOM
    for (const [i, sheet] of sheets.entries()) {
      if (sheets.length > 1) yield (i > 0 ? '\r\n' : '') + csvLine([`【${sheet.name}】`])
      yield csvLine(sheet.columns.map((c) => c.header))
      for await (const batch of sheet.batches) {
        yield batch.map((row) => csvLine(row.map((cell, j) => text(cell, sheet.columns[j])))).join('')
      }
    }
  }
  return Readable.from(lines(), { objectMode: false })
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (written out and
 * forgotten) as it comes; strings inline (no shared-string table kept in memory). Between
 * batches the writer waits while the reply's buffer is full, so a slow client slows the reads.
 */
function xlsx(sheets: Sheet[], onError: (err: Error) => void): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 })
  void (async () => {
    // loaded on first use (exceljs is heavy at start); a CommonJS module: under ESM loaders its API is on default
    const excel = await import('exceljs')
    const { stream } = (excel as unknown as { default?: typeof excel }).default ?? excel
    const book = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
    for (const s of sheets) {
      const sheet = book.addWorksheet(s.name.slice(0, 31))
      sheet.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2), style: c.money ? { numFmt: '0.00' } : {} }))
      for await (const batch of s.batches) {
        for (const row of batch) {
          sheet.addRow(row.map((cell, j) => (typeof cell === 'number' && s.columns[j].money ? cell / 100 : typeof cell === 'boolean' ? (cell ? '是' : '否') : cell))).commit()
        }
        await zipCaughtUp(sheet, out)
        if (out.writableNeedDrain) await drainedOrClosed(out, out)
        if (out.destroyed) return // the client went away: read no more
      }
      sheet.commit()
    }
    await book.commit()
  })().catch((err: Error) => { onError(err); out.destroy(err) })
  return out
}

/**
 * exceljs hands each committed row to the zip's deflate without waiting (its StreamBuf ignores
 * write()'s answer), so rows read faster than they compress would pile up there: wait until
 * the deflate has taken what it was given before reading the next batch.
 */
async function zipCaughtUp(sheet: object, out: Writable) {
  // the zip's input for the sheet: archiver's PassThrough (readable-stream, without writableNeedDrain)
  const input = (sheet as { stream?: { pipes?: Writable[] } }).stream?.pipes?.[0] as (Writable & { _writableState?: { length: number; highWaterMark: number } }) | undefined
  const state = input?._writableState
  while (input && state && state.length > state.highWaterMark && !out.destroyed) await drainedOrClosed(input, out)
}

/** Resolves when `s` drains, or when the reply is closed (an aborted download would otherwise wait forever). */
function drainedOrClosed(s: Writable, out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { s.off('drain', done); out.off('close', done); resolve() }
    s.on('drain', done)
    out.on('close', done)
  })
}

export function exportStream(format: ExportFormat, sheets: Sheet[], onError: (err: Error) => void): Readable {
  if (format === 'xlsx') return xlsx(sheets, onError)
  const s = csv(sheets)
  s.on('error', onError)
  return s
}

export const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** attachment; an ASCII name for old clients and the Chinese one (RFC 5987) for the rest */
export function contentDisposition(asciiName: string, chineseName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`
}
