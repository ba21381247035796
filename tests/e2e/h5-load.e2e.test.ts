/**
 * Bytes and round trips to the phone (issue 15 §6), in the built H5 app in Debian's Chromium:
 * each tab, loaded afresh as a signed-in resident, asks the API for what it shows in at most two
 * round trips (no walk up the unit tree: /me names the community), and the scripts arrive
 * brotli-compressed and cached for good while index.html is revalidated.
 */
import type { Page } from 'playwright-core'
import { api, base, open, step } from './browser'

const TABS = ['index', 'report', 'deliberation', 'board', 'mine'] as const

// early: started by index.html's inline script (no content-type: the app's client always sets one)
type Call = { url: string; start: number; end: number; early: boolean }

/** Loads a tab as a fresh document and records its API calls until the network is quiet. */
async function loadTab(page: Page, tab: string): Promise<Call[]> {
  await page.goto('about:blank')
  const calls = new Map<object, Call>()
  const onRequest = (r: { url(): string; headers(): Record<string, string> }) => { if (new URL(r.url()).pathname.startsWith('/api/')) calls.set(r, { url: r.url().replace(base, ''), start: performance.now(), end: Infinity, early: !r.headers()['content-type'] }) }
  const onDone = (r: object) => { const c = calls.get(r); if (c) c.end = performance.now() }
  page.on('request', onRequest)
  page.on('requestfinished', onDone)
  page.on('requestfailed', onDone)
  await page.goto(`${base}/#/pages/${tab}/index`)
  await page.waitForLoadState('networkidle')
  await page.locator('.page').first().waitFor()
  page.off('request', onRequest)
  page.off('requestfinished', onDone)
  page.off('requestfailed', onDone)
  return [...calls.values()]
}

/** Round trips: a call started after another had finished waited for it (one more level). */
function roundTrips(calls: Call[]): number {
  const level = new Map<Call, number>()
  for (const c of [...calls].sort((a, b) => a.start - b.start)) {
    level.set(c, 1 + Math.max(0, ...calls.filter((d) => d.end <= c.start).map((d) => level.get(d) ?? 0)))
  }
  return Math.max(0, ...level.values())
}

test('every tab loads what it shows in at most two round trips to the API, as a signed-in resident', async () => {
  const tokens = await api('POST', '/auth/dev', null, { username: 'resident16' })
  // a few polls in the resident's community, open and closed: 议事 still asks only for the two lists
  const community = (await api<{ community: { id: string } }>('GET', '/me', tokens.accessToken)).community.id
  const admin = await Promise.all(['admin', 'vadmin'].map((u) => api<{ accessToken: string }>('POST', '/auth/dev', null, { username: u })))
    .then(async (ts) => { for (const t of ts) if ((await api<{ community: { id: string } | null }>('GET', '/me', t.accessToken)).community?.id === community) return t.accessToken; throw new Error('no admin for the community') })
  for (let i = 0; i < 5; i++) {
    const poll = await api<{ id: string }>('POST', '/polls', admin, {
      unitId: community, title: `加载测试投票 ${i + 1}`, options: ['同意', '不同意'], rule: { kind: 'simple_majority', approveOption: 'A' },
      opensAt: new Date(Date.now() + 60_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
    await api('POST', `/polls/${poll.id}/open`, admin)
    if (i >= 3) await api('POST', `/polls/${poll.id}/close`, admin, {})
  }
  const page = await open({ mobile: true })
  await page.addInitScript((t) => localStorage.setItem('linli.tokens', JSON.stringify({ data: t })), { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })
  const seen: Record<string, string[]> = {}
  const early: Record<string, string[]> = {}
  await step('h5-load-tabs', page, async () => {
    for (const tab of TABS) {
      const calls = await loadTab(page, tab)
      seen[tab] = calls.map((c) => c.url)
      early[tab] = calls.filter((c) => c.early).map((c) => c.url.replace(/\?.*/, ''))
      expect({ tab, walksUnits: calls.filter((c) => /\/units\/[^/]+$/.test(c.url)).map((c) => c.url) }).toEqual({ tab, walksUnits: [] })
      expect({ tab, roundTrips: roundTrips(calls) <= 2 }).toEqual({ tab, roundTrips: true })
      expect(calls.length).toBeGreaterThan(0) // a signed-in tab shows data from the server
    }
    // the 公示 tab: /me (which names the community) and that community's posts, nothing else
    expect(seen.board.map((u) => u.replace(/\?.*/, ''))).toEqual(['/api/v1/me', '/api/v1/board/posts'])
    expect(seen.index.map((u) => u.replace(/\?.*/, ''))).toEqual(['/api/v1/home'])
    // each tab's first calls were started by index.html beside the scripts (议事 its poll lists too, 公示
    // its posts once /me named the community, 我的 its counts), and the app took their answers (no second request)
    expect(early).toEqual({
      index: ['/api/v1/home'], report: ['/api/v1/me'], deliberation: ['/api/v1/me', '/api/v1/polls', '/api/v1/polls'],
      board: ['/api/v1/me', '/api/v1/board/posts'], mine: ['/api/v1/me', '/api/v1/me/notifications/unread-count', '/api/v1/me/points'],
    })
    // 议事 with 3 open and 2 closed polls: /me, its topics and meetings, and the two poll lists
    // (each carrying the household's vote state and the result): no request per poll
    const pollCalls = seen.deliberation.map((u) => new URL(u, base)).filter((u) => u.pathname.startsWith('/api/v1/polls'))
    expect(pollCalls.map((u) => `${u.pathname} ${u.searchParams.get('status')}`).sort()).toEqual(['/api/v1/polls closed', '/api/v1/polls open'])
    console.log(`API requests per tab: ${TABS.map((t) => `${t} ${seen[t].length}`).join(', ')}`)
  })
})

test('scripts and styles arrive precompressed and immutable; index.html is revalidated', async () => {
  const page = await open({ mobile: true })
  const assets: { url: string; encoding?: string; cache?: string }[] = []
  page.on('response', (r) => {
    if (/\/(js|css)\/[^/]+\.(js|css)$/.test(r.url())) assets.push({ url: r.url(), encoding: r.headers()['content-encoding'], cache: r.headers()['cache-control'] })
  })
  await step('h5-load-assets', page, async () => {
    const doc = await page.goto(`${base}/`)
    expect(doc!.headers()['cache-control']).toBe('no-cache')
    await page.waitForLoadState('networkidle')
    expect(assets.length).toBeGreaterThanOrEqual(3) // Taro's runtime, the vendors and app.js at least
    for (const a of assets) expect(a).toEqual({ url: a.url, encoding: 'br', cache: 'public, max-age=31536000, immutable' })
  })
})
