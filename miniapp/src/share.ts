// Sharing into chats: the card's path is the entity's own page with its id, so a card opens
// what was shared (through login and binding when the page needs them, see session.ts).
import { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { routes, withQuery } from './routes'

export type ShareKind = 'poll' | 'post' | 'meeting' | 'item' | 'report'

const PAGE: Record<ShareKind, string> = {
  poll: routes.pollDetail,
  post: routes.boardPost,
  meeting: routes.meetingDetail,
  item: routes.trackedItem,
  report: routes.reportPublic,
}
const LABEL: Record<ShareKind, string> = { poll: '投票', post: '公示', meeting: '议事会议', item: '跟踪事项', report: '大家的上报' }

export interface ShareCard {
  kind: ShareKind
  id: string
  /** the entity's title; unknown while the page loads */
  title?: string
  /** an absolute photo URL; without one WeChat shows a picture of the page */
  imageUrl?: string
}

/** The page a card or link opens: the entity's page with its id. */
export function sharePath(kind: ShareKind, id: string): string {
  return withQuery(PAGE[kind], { id })
}

/** 朋友圈 shares only the current page; its query carries the id. */
export function shareQuery(id: string): string {
  return `id=${encodeURIComponent(id)}`
}

/** "投票｜加装电梯…": what is shared, then its title, short enough for a chat card. */
export function shareTitle(kind: ShareKind, title?: string): string {
  const t = (title ?? '').trim()
  if (!t) return `邻里议事｜${LABEL[kind]}`
  return `${LABEL[kind]}｜${t.length > 28 ? `${t.slice(0, 27)}…` : t}`
}

export function appMessage(card: ShareCard): { title: string; path: string; imageUrl?: string } {
  return { title: shareTitle(card.kind, card.title), path: sharePath(card.kind, card.id), ...(card.imageUrl ? { imageUrl: card.imageUrl } : {}) }
}

export function timelineCard(card: ShareCard): { title: string; query: string; imageUrl?: string } {
  return { title: shareTitle(card.kind, card.title), query: shareQuery(card.id), ...(card.imageUrl ? { imageUrl: card.imageUrl } : {}) }
}

/**
 * A printed notice's mini-program code opens the post page with `scene` instead of `id`: the id's
 * 32 hex digits (wxacode allows 32 characters; server publicity.notice-code.ts). Back to the id.
 */
export function idFromScene(scene?: string): string | undefined {
  let hex = scene ?? ''
  try { hex = decodeURIComponent(hex) } catch { return undefined }
  hex = hex.toLowerCase()
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The H5 address of a page (hash routing, served at the site's root). */
export function h5Link(path: string, origin: string): string {
  return `${origin.replace(/\/$/, '')}/#${path}`
}

/**
 * Registers the page's chat card and 朋友圈 card. Call it at the top of the page, before any
 * early return: WeChat asks when the user shares, and gets the latest card.
 */
export function useShare(card: ShareCard): void {
  useShareAppMessage(() => appMessage(card))
  useShareTimeline(() => timelineCard(card))
}
