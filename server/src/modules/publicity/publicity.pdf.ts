import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import type { FastifyBaseLogger } from 'fastify'
import { AppError } from '../../lib/errors'
import { BoardErrors } from './publicity.errors'

// the same flags the e2e harness uses: without the background-networking ones Chromium keeps dialling Google
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']

/**
 * Chromium draws Chinese only with a Chinese font installed on the server (Debian:
 * fonts-noto-cjk); without one the PDF shows empty boxes. Said once per launch in the log,
 * for whoever deploys; fontconfig's fc-list is where Chromium looks too.
 */
function warnWithoutChineseFont(log: FastifyBaseLogger) {
  execFile('fc-list', [':lang=zh', 'family'], { timeout: 5000 }, (err, stdout) => {
    if (!err && stdout.trim() === '') log.warn('pdf: no Chinese font installed (e.g. apt-get install fonts-noto-cjk): Chinese in PDF notices prints as boxes')
  })
}

export interface PdfRenderer {
  /** the notice's HTML as an A4 PDF; throws board.pdf_unavailable / pdf_busy / pdf_timeout (503) */
  render(html: string): Promise<Buffer>
  close(): Promise<void>
}

export interface PdfRendererOptions {
  executablePath: string
  log: FastifyBaseLogger
  /** pages rendering at once (each is a renderer process of the one browser) */
  concurrency?: number
  /** requests allowed to wait for a free page; more are turned away at once */
  maxQueued?: number
  /** per render, from the moment it gets a page */
  timeoutMs?: number
}

/**
 * Prints notices to PDF with one headless Chromium, launched on the first request and kept
 * for the next ones (a launch costs about a second), closed with the app. At most
 * `concurrency` pages render at once, so a burst of downloads queues instead of forking
 * a renderer per request. The page gets no network and no JavaScript: the notice is
 * self-contained (inline SVG QR code, local fonts).
 */
export function createPdfRenderer(opts: PdfRendererOptions): PdfRenderer {
  const concurrency = opts.concurrency ?? 2
  const maxQueued = opts.maxQueued ?? 20
  const timeoutMs = opts.timeoutMs ?? 20_000
  let browser: Promise<Browser> | null = null
  let current: Browser | null = null
  let closed = false
  let active = 0
  const waiting: (() => void)[] = []

  async function launch(): Promise<Browser> {
    try {
      await fs.access(opts.executablePath, fs.constants.X_OK)
    } catch {
      opts.log.error({ executablePath: opts.executablePath }, 'pdf: Chromium not found or not executable (CHROMIUM_PATH)')
      throw BoardErrors.pdfUnavailable()
    }
    try {
      // imported here, not at start-up: loading playwright-core takes about a second
      const { chromium } = await import('playwright-core')
      const b = await chromium.launch({ executablePath: opts.executablePath, headless: true, args: ARGS, timeout: 30_000 })
      // a crashed or killed browser: the next request launches a new one
      b.on('disconnected', () => { if (current === b) { browser = null; current = null } })
      if (closed) {
        // the app closed while this launch was under way
        await b.close().catch(() => undefined)
        throw BoardErrors.pdfUnavailable()
      }
      current = b
      warnWithoutChineseFont(opts.log)
      return b
    } catch (err) {
      if (err instanceof AppError) throw err
      opts.log.error({ err, executablePath: opts.executablePath }, 'pdf: Chromium failed to launch')
      throw BoardErrors.pdfUnavailable()
    }
  }

  function getBrowser(): Promise<Browser> {
    // a request that waited in the queue while the app closed
    if (closed) return Promise.reject(BoardErrors.pdfUnavailable())
    if (!browser) {
      // a failed launch is not cached: Chromium may be installed later without a restart
      browser = launch().catch((e) => { browser = null; throw e })
    }
    return browser
  }

  async function acquire(): Promise<void> {
    if (active < concurrency) { active++; return }
    if (waiting.length >= maxQueued) throw BoardErrors.pdfBusy()
    // the slot is handed over by release(), so active stays counted
    await new Promise<void>((resolve) => waiting.push(resolve))
  }
  function release() {
    const next = waiting.shift()
    if (next) next()
    else active--
  }

  async function renderWith(b: Browser, html: string): Promise<Buffer> {
    const context = b.newContext({ javaScriptEnabled: false, offline: true })
    let timer: NodeJS.Timeout | undefined
    try {
      const work = (async () => {
        const page = await (await context).newPage()
        page.setDefaultTimeout(timeoutMs)
        await page.route('**/*', (route) => route.abort())
        await page.setContent(html, { waitUntil: 'load' })
        return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
      })()
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(BoardErrors.pdfTimeout()), timeoutMs)
      })
      // closing the context (finally) ends a render still running after the timeout
      work.catch(() => undefined)
      return await Promise.race([work, timeout])
    } finally {
      clearTimeout(timer)
      await context.then((c) => c.close()).catch(() => undefined)
    }
  }

  return {
    async render(html) {
      if (closed) throw BoardErrors.pdfUnavailable()
      await acquire()
      try {
        const b = await getBrowser()
        try {
          return await renderWith(b, html)
        } catch (err) {
          if (err instanceof AppError) throw err
          opts.log.error({ err }, 'pdf: render failed')
          throw BoardErrors.pdfUnavailable()
        }
      } finally {
        release()
      }
    },
    async close() {
      closed = true
      const pending = browser
      browser = null
      current = null
      if (pending) await pending.then((b) => b.close(), () => undefined).catch(() => undefined)
    },
  }
}
