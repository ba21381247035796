import type { FastifyBaseLogger } from 'fastify'
import type { WechatAdapter } from '../../adapters/wechat'
import type { Storage } from '../../adapters/storage'

/** the page a notice's mini-program code opens (published page, no leading slash, no query) */
export const NOTICE_CODE_PAGE = 'packages/board/pages/detail/index'

/**
 * wxacode's scene holds at most 32 characters: the post id without its dashes (32 hex digits).
 * The page turns it back into the id (miniapp share.ts idFromScene).
 */
export const sceneOfPost = (postId: string) => postId.replace(/-/g, '')

/**
 * The mini-program code printed on a notice: WeChat's wxacode.getUnlimited when WeChat is
 * configured, else null (the notice carries the H5 link's QR). A post's code never changes, so
 * it is kept in storage (shared by every server process, kept across restarts) and asked of
 * WeChat once. A WeChat failure falls back to the H5 link: the notice still prints.
 */
export function createNoticeCodes(deps: { wechat: WechatAdapter; storage: Storage; log: FastifyBaseLogger }) {
  const keyOf = (postId: string) => `wxacode/board-post-${postId}.png`
  return {
    async forPost(postId: string): Promise<Buffer | null> {
      if (!deps.wechat.configured) return null
      const key = keyOf(postId)
      const kept = await deps.storage.get(key).catch((err: Error) => {
        deps.log.warn({ err, postId }, 'notice code: storage read failed; asking WeChat')
        return null
      })
      if (kept) return kept
      try {
        const png = await deps.wechat.getUnlimitedCode({ scene: sceneOfPost(postId), page: NOTICE_CODE_PAGE })
        await deps.storage.put(key, png, 'image/png').catch((err: Error) => deps.log.warn({ err, postId }, 'notice code: not kept'))
        return png
      } catch (err) {
        deps.log.warn({ err, postId }, 'notice code: WeChat gave none; printing the H5 link')
        return null
      }
    },
  }
}
export type NoticeCodes = ReturnType<typeof createNoticeCodes>
