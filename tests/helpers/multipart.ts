import { randomBytes } from 'node:crypto'

export interface FilePart { field?: string; filename: string; content: Buffer | string; contentType?: string }

/** A multipart/form-data body for app.inject, built by hand so tests need no extra dependency. */
export function multipart(files: FilePart[], fields: Record<string, string> = {}) {
  const boundary = `----linli-test-${randomBytes(8).toString('hex')}`
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\n` +
      `Content-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`))
    chunks.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, 'utf8'))
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** A roster CSV as spreadsheet programs on Windows save it: UTF-8 with a BOM, CRLF lines. */
export function rosterCsv(rows: (string | number)[][]): Buffer {
  return Buffer.from('\uFEFF' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8')
}
