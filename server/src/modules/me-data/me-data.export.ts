import type { MyData } from '@linli/shared'

/** Section titles, in the order the file and the page show them. */
export const SECTIONS: [keyof MyData, string][] = [
  ['profile', '个人资料'], ['household', '我家'], ['roles', '身份'], ['reports', '我的上报'], ['supports', '我也遇到'],
  ['topics', '我提的议题'], ['cosigns', '我的联署'], ['meetings', '参加的会议'], ['myBallots', '我投的票'],
  ['householdVotes', '我家的投票记录'], ['objections', '我的异议'], ['ratings', '我的评价'], ['orders', '积分兑换'],
  ['points', '积分'], ['notifications', '消息'], ['uploads', '我上传的照片'],
]

/** my-data-<the day in Asia/Shanghai>.json: the day the person sees on their phone */
export function exportFileName(data: MyData, ext: 'json' | 'xlsx') {
  const day = new Date(new Date(data.exportedAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  return `my-data-${day}.${ext}`
}

/** One sheet per section, one row per record; nested values (choices) as text. Loaded on first use (exceljs is heavy). */
export async function toXlsx(data: MyData): Promise<Buffer> {
  const { Workbook } = await import('exceljs')
  const book = new Workbook()
  for (const [key, title] of SECTIONS) {
    const value = key === 'points' ? data.points.ledger : data[key]
    const rows = (Array.isArray(value) ? value : value ? [value] : []) as Record<string, unknown>[]
    const sheet = book.addWorksheet(title)
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
    if (key === 'points') sheet.addRow(['积分余额', data.points.balance])
    sheet.addRow(columns)
    for (const r of rows) sheet.addRow(columns.map((c) => (Array.isArray(r[c]) ? (r[c] as unknown[]).join('、') : r[c] ?? '')))
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
