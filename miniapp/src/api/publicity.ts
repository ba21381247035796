// 结果公示 / 跟踪落实: the board and tracked items, through the one client.
import {
  BoardPost, BoardPostList, MeetingList, Objection, RatingReceipt, TrackedItem, TrackedItemList, Unit, UnitAncestors,
  type BoardPostState, type CreateBoardPostBody, type CreateRepairBody, type CreateTrackedItemBody, type RatingValue, type TrackedItemState,
} from '@linli/shared'
import type { z } from 'zod'
import { buildUrl, request } from './client'
import { formatNumber } from '../format'
import { fetchFile, openInWeapp } from './files'
import { loadTokens } from './tokens'

export type BoardPostT = z.infer<typeof BoardPost>
export type BoardPostSummaryT = z.infer<typeof BoardPostList>['items'][number]
export type ObjectionT = z.infer<typeof Objection>
export type TrackedItemT = z.infer<typeof TrackedItem>
export type TrackedItemSummaryT = z.infer<typeof TrackedItemList>['items'][number]
export type NewRepair = z.input<typeof CreateRepairBody>
export type NewTrackedItem = z.input<typeof CreateTrackedItemBody>
export type NewBoardPost = z.input<typeof CreateBoardPostBody>

// ---- board ----
export function listPosts(q: { unitId?: string; status?: BoardPostState; cursor?: string | null }) {
  return request('GET', '/board/posts', { query: { unitId: q.unitId, status: q.status, cursor: q.cursor, limit: 30 }, schema: BoardPostList })
}

export function getPost(id: string) {
  return request('GET', `/board/posts/${id}`, { schema: BoardPost })
}

export function objectTo(postId: string, body: string) {
  return request('POST', `/board/posts/${postId}/objections`, { body: { body }, schema: Objection })
}

export function answerObjection(objectionId: string, answer: string) {
  return request('POST', `/objections/${objectionId}/answer`, { body: { answer }, schema: Objection })
}

/** a community admin publishes a post (资金使用, 积分公示, ...); the window defaults to 7 days */
export function createPost(body: NewBoardPost) {
  return request('POST', '/board/posts', { body, schema: BoardPost })
}

export function finalizePost(postId: string) {
  return request('POST', `/board/posts/${postId}/finalize`, { body: {}, schema: BoardPost })
}

/** the printable A4 notice (HTML with a QR code); the server needs the token, so H5 opens it with one fetched copy */
export const printPath = (postId: string) => buildUrl(`/board/posts/${postId}/print`)

/**
 * H5 only: the notice needs the token, which a plain link cannot carry, and Taro's request reads
 * only JSON or text it is told to expect; so the page is fetched here and written into a new tab.
 */
export async function openPrintable(postId: string): Promise<void> {
  // opened before any await, while the tap still counts as a user gesture (pop-up blockers)
  const win = window.open('', '_blank')
  // an authenticated call first: it refreshes an expired access token through the client
  await getPost(postId).catch((e) => { win?.close(); throw e })
  const token = loadTokens()?.accessToken
  const res = await fetch(printPath(postId), { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  if (!res.ok) {
    win?.close()
    throw new Error(res.status === 401 ? '登录已过期，请重新登录后再打印' : `打印公告加载失败（${res.status}）`)
  }
  const html = await res.text()
  if (win) {
    win.document.open()
    win.document.write(html)
    win.document.close()
  } else {
    // a blocked pop-up: show it in this tab instead
    document.open()
    document.write(html)
    document.close()
  }
}

/** the same notice as an A4 PDF, printed by the server */
export const pdfPath = (postId: string) => buildUrl(`/board/posts/${postId}/print`, { format: 'pdf' })

/**
 * H5: the PDF needs the token too, so it is fetched here and opened as a blob in a new tab
 * (the browser's PDF viewer prints and saves it); with the pop-up blocked it is downloaded.
 * A refusal (503 when the server cannot print PDFs) comes back as the server's message.
 */
export async function openPdf(postId: string): Promise<void> {
  const win = window.open('', '_blank')
  try {
    await getPost(postId)
    const res = await fetchFile(pdfPath(postId))
    const url = URL.createObjectURL(await res.blob())
    if (win) {
      win.location.href = url
    } else {
      const a = document.createElement('a')
      a.href = url
      a.download = `公告-${postId}.pdf`
      a.click()
    }
    // the tab has loaded it by then; a blob lives as long as this page otherwise
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  } catch (e) {
    win?.close()
    throw e
  }
}

/**
 * Mini-program: downloadFile (which, like uploadFile, no interceptor wraps: the token goes in
 * by hand) and WeChat's document viewer, whose menu forwards or saves the PDF. The request
 * before it renews an expired token through the client. The server's domain must be among the
 * mini-program's downloadFile domains.
 */
export async function openPdfInWeapp(postId: string): Promise<void> {
  await getPost(postId)
  await openInWeapp(pdfPath(postId), 'pdf')
}

// ---- tracked items ----
export function listItems(q: { unitId?: string; status?: TrackedItemState; overdue?: boolean; cursor?: string | null }) {
  return request('GET', '/tracked-items', {
    query: { unitId: q.unitId, status: q.status, overdue: q.overdue ? 'true' : undefined, cursor: q.cursor, limit: 30 }, schema: TrackedItemList,
  })
}

export function getItem(id: string) {
  return request('GET', `/tracked-items/${id}`, { schema: TrackedItem })
}

/** a community admin starts tracking a resolution, poll, report or annual project (一年一事) */
export function createItem(body: NewTrackedItem) {
  return request('POST', '/tracked-items', { body, schema: TrackedItem })
}

export function logRepair(body: NewRepair) {
  return request('POST', '/repairs', { body, schema: TrackedItem })
}

export function postUpdate(id: string, body: { note: string; progress?: number; photoIds: string[]; status?: TrackedItemState }) {
  return request('POST', `/tracked-items/${id}/updates`, { body, schema: TrackedItem })
}

export function addCost(id: string, body: { amountFen: number; description: string; receiptPhotoIds: string[] }) {
  return request('POST', `/tracked-items/${id}/costs`, { body, schema: TrackedItem })
}

export function rateItem(id: string, rating: RatingValue) {
  return request('POST', `/tracked-items/${id}/ratings`, { body: { rating }, schema: RatingReceipt })
}

/** recent meetings of a unit, to say which meeting agreed a repair */
export function listMeetings(unitId: string) {
  return request('GET', '/meetings', { query: { unitId, limit: 10 }, schema: MeetingList })
}
export type MeetingSummaryT = z.infer<typeof MeetingList>['items'][number]

// ---- units ----
export type UnitT = z.infer<typeof Unit>
const COMMUNITY_KINDS = ['community', 'village', 'enterprise']

/** a unit and its ancestors, nearest first (the household's courtyard, its grid, its community, ...) */
export async function unitChain(unitId: string): Promise<UnitT[]> {
  return (await request('GET', `/units/${unitId}/ancestors`, { schema: UnitAncestors })).items
}

export const communityIn = (chain: UnitT[]) => chain.find((u) => COMMUNITY_KINDS.includes(u.kind)) ?? null

/** "123.45" -> 12345 fen; null when it is not a sane amount of yuan (at most two decimals) */
export function yuanToFen(text: string): number | null {
  const t = text.trim()
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(t)) return null
  const [whole, frac = ''] = t.split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}

export const fenToYuan = (fen: number) => `${formatNumber(fen / 100, 2)} 元`

/** today in Shanghai as YYYY-MM-DD: the server's overdue flag counts days there */
export const shanghaiToday = (now: Date = new Date()) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)

/** whole days since the planned end day (0 on the day itself); null without one */
export function daysOverdue(plannedEnd: string | null, now: Date = new Date()): number | null {
  if (!plannedEnd) return null
  const ms = Date.parse(`${shanghaiToday(now)}T00:00:00Z`) - Date.parse(`${plannedEnd}T00:00:00Z`)
  return Number.isNaN(ms) ? null : Math.max(0, Math.round(ms / 86_400_000))
}
