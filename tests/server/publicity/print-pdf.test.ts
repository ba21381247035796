/**
 * The notice as a PDF (GET /board/posts/:id/print?format=pdf), printed by the Chromium at
 * CHROMIUM_PATH (Debian's /usr/bin/chromium here and in CI) from the same HTML as the print page.
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { createPdfRenderer } from '../../../server/src/modules/publicity/publicity.pdf'
import { AppError } from '../../../server/src/lib/errors'
import { api, makePublicityWorld, type PublicityWorld } from './publicity-fixtures'

jest.setTimeout(60_000)

let t: TestApp
let w: PublicityWorld
beforeAll(async () => { t = await buildTestApp(); w = await makePublicityWorld(t) })
let closed = false
afterAll(async () => { if (!closed) await t?.close() })

const A4 = { width: 595.28, height: 841.89 } // points
const pdfOf = (id: string, user: { id: string }) => api(t).get(`/board/posts/${id}/print?format=pdf`, user)

/** the fonts a PDF embeds (each font dictionary names its /BaseFont in the clear) */
function fontsOf(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/BaseFont\s*\/([^\s/\]>]+)/g)].map((m) => m[1])
}

/** [width, height] of every page; Chromium (Skia) writes each page's MediaBox in the clear */
function pageSizes(pdf: Buffer): [number, number][] {
  const text = pdf.toString('latin1')
  return [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])])
}

/** Chromium processes started by this jest worker */
const chromiumChildren = () => {
  const out = execFileSync('ps', ['--ppid', String(process.pid), '-o', 'comm='], { encoding: 'utf8' })
  return out.split('\n').filter((c) => /chrom/i.test(c))
}

async function publish(title = '3号楼外墙维修费用公示') {
  const res = await api(t).post('/board/posts', w.admin, { unitId: w.org.gridA.id, kind: 'repair', title, body: '外墙修补 40 m²，共计 5,600.00 元。' })
  expect(res.statusCode).toBe(201)
  return res.json() as { id: string }
}

describe('the PDF notice', () => {
  it('is one A4 page of PDF for anyone signed in, as the HTML notice is', async () => {
    const post = await publish('2026年度一村一事：村道硬化 (PDF)')
    for (const u of [w.headB1, w.supervisor, w.stranger]) {
      const res = await pdfOf(post.id, u)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      const sizes = pageSizes(res.rawPayload)
      expect(sizes).toHaveLength(1)
      expect(sizes[0][0]).toBeCloseTo(A4.width, 0)
      expect(sizes[0][1]).toBeCloseTo(A4.height, 0)
      // the Chinese is drawn with a Chinese font, not as empty boxes (the server needs one installed:
      // .ci/run installs Debian's fonts-wqy-zenhei; README says so for deployments)
      expect(fontsOf(res.rawPayload)).toEqual(expect.arrayContaining([expect.stringMatching(/WenQuanYi|Noto.*CJK|SourceHan|SimSun|Songti/i)]))
      expect(res.headers['content-disposition']).toContain(`notice-${post.id}.pdf`)
      expect(res.headers['content-disposition']).toContain("filename*=UTF-8''2026%E5%B9%B4")
      expect(res.headers['content-disposition']).toContain('%28PDF%29')
    }
    // the HTML stays the default
    const html = await api(t).get(`/board/posts/${post.id}/print`, w.headB1)
    expect(html.headers['content-type']).toMatch(/text\/html/)
    const explicit = await api(t).get(`/board/posts/${post.id}/print?format=html`, w.headB1)
    expect(explicit.body).toBe(html.body)
  })

  it('needs a login, a known post and a known format, like the HTML', async () => {
    const post = await publish()
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/board/posts/${post.id}/print?format=pdf` })
    expect(anonymous.statusCode).toBe(401)
    const unknown = await pdfOf(randomUUID(), w.headB1)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('board.not_found')
    const malformed = await pdfOf('not-a-post', w.headB1)
    expect(malformed.statusCode).toBe(400)
    const format = await api(t).get(`/board/posts/${post.id}/print?format=docx`, w.headB1)
    expect(format.statusCode).toBe(400)
    expect(format.json().error.field).toBe('querystring.format')
  })

  it('serves a burst of downloads from one browser', async () => {
    const post = await publish()
    const results = await Promise.all(Array.from({ length: 6 }, () => pdfOf(post.id, w.headA1)))
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(200))
    for (const r of results) expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // one browser process (its helpers are its children, not ours)
    expect(chromiumChildren()).toHaveLength(1)
  })
})

describe('without Chromium', () => {
  it('answers 503 board.pdf_unavailable in Chinese without the path; the HTML still works', async () => {
    const broken = await buildTestApp({ CHROMIUM_PATH: '/nonexistent/chromium-missing' })
    try {
      const bw = await makePublicityWorld(broken)
      const post = (await api(broken).post('/board/posts', bw.admin, { unitId: bw.org.gridA.id, kind: 'fund_use', title: '资金公示', body: '明细' })).json()
      for (let i = 0; i < 2; i++) {
        const res = await api(broken).get(`/board/posts/${post.id}/print?format=pdf`, bw.headA1)
        expect(res.statusCode).toBe(503)
        expect(res.headers['content-type']).toMatch(/application\/json/)
        const { error } = res.json()
        expect(error.code).toBe('board.pdf_unavailable')
        expect(error.message).toMatch(/PDF 公告/)
        expect(res.body).not.toContain('nonexistent')
      }
      expect((await api(broken).get(`/board/posts/${post.id}/print`, bw.headA1)).statusCode).toBe(200)
    } finally {
      await broken.close()
    }
  })
})

describe('the renderer', () => {
  const log = { error: () => undefined, warn: () => undefined } as never
  const html = '<!doctype html><meta charset="utf-8"><p>公告</p>'
  const code = (e: unknown) => (e instanceof AppError ? e.code : String(e))

  it('turns away requests beyond its queue instead of opening more pages', async () => {
    const pdf = createPdfRenderer({ executablePath: '/usr/bin/chromium', log, concurrency: 1, maxQueued: 1 })
    try {
      const outcomes = await Promise.allSettled([pdf.render(html), pdf.render(html), pdf.render(html)])
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected'])
      expect(code((outcomes[2] as PromiseRejectedResult).reason)).toBe('board.pdf_busy')
      // the queue drained: a later request is served
      expect((await pdf.render(html)).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    } finally {
      await pdf.close()
    }
  })

  it('gives up on a render past its time limit', async () => {
    const slow = createPdfRenderer({ executablePath: '/usr/bin/chromium', log, timeoutMs: 1 })
    try {
      await expect(slow.render(html)).rejects.toMatchObject({ code: 'board.pdf_timeout', status: 503 })
    } finally {
      await slow.close()
    }
  })

  it('closing while renders launch or wait leaves no browser behind', async () => {
    const before = chromiumChildren().length // the test app's browser, from the tests above
    const pdf = createPdfRenderer({ executablePath: '/usr/bin/chromium', log, concurrency: 1 })
    // settled at once: a render may fail while close() is still running, before anyone awaits it
    const outcomesP = Promise.allSettled([pdf.render(html), pdf.render(html)])
    // the first is launching Chromium (about a second; less when it is warm), the second waits for the page
    await new Promise((r) => setTimeout(r, 200))
    await pdf.close()
    const outcomes = await outcomesP
    expect(outcomes.map((o) => (o.status === 'rejected' ? code(o.reason) : 'pdf'))).toEqual(['board.pdf_unavailable', 'board.pdf_unavailable'])
    await new Promise((r) => setTimeout(r, 500))
    expect(chromiumChildren()).toHaveLength(before)
  })

  it('closes its browser with the app', async () => {
    closed = true
    await t.close()
    expect(chromiumChildren()).toHaveLength(0)
    const other = await buildTestApp()
    try {
      const ow = await makePublicityWorld(other)
      const post = (await api(other).post('/board/posts', ow.admin, { unitId: ow.org.gridA.id, kind: 'fund_use', title: '资金公示', body: '明细' })).json()
      expect((await api(other).get(`/board/posts/${post.id}/print?format=pdf`, ow.headA1)).statusCode).toBe(200)
      expect(chromiumChildren()).toHaveLength(1)
    } finally {
      await other.app.close()
      expect(chromiumChildren()).toHaveLength(0)
      await other.database.close()
    }
  })
})
