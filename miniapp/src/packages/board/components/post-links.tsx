import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import { FormError } from '../../../components/state-view'
import { errorMessage } from '../../../api/client'
import { openPdf, openPdfInWeapp, openPrintable, type BoardPostT } from '../../../api/publicity'
import { routes, withQuery } from '../../../routes'

const shown = (e: unknown) => (e instanceof Error && e.message ? e.message : errorMessage(e))

/**
 * Where a post leads: the tracked item it publicizes, the ballot bulletin of a poll result
 * (every counted ballot's receipt, to recount), and the paper notice as HTML to print or as PDF.
 */
export function PostLinks({ post }: { post: Pick<BoardPostT, 'id' | 'kind' | 'sourceId' | 'trackedItemId'> }) {
  const [busy, setBusy] = useState<'' | 'print' | 'pdf'>('')
  const [error, setError] = useState('')
  const h5 = process.env.TARO_ENV === 'h5'

  async function run(what: 'print' | 'pdf', fn: () => Promise<void>) {
    setBusy(what)
    setError('')
    try {
      await fn()
    } catch (e) {
      setError(shown(e))
    } finally {
      setBusy('')
    }
  }

  async function print() {
    if (h5) return run('print', () => openPrintable(post.id))
    // the mini-program cannot print: hand over the online page's address for a PC browser
    const link = `${typeof API_BASE === 'string' ? API_BASE : ''}/#${routes.boardPost}?id=${post.id}`
    await Taro.setClipboardData({ data: link }).catch(() => undefined)
    Taro.showModal({ title: '打印公告', content: '已复制本公示的网页地址。请在电脑浏览器中打开并登录，点击“打印公告”即可打印 A4 公告（含二维码）。', showCancel: false })
      .catch(() => undefined)
  }

  return (
    <View className='board__links'>
      {post.trackedItemId && (
        <ActionButton className='btn btn--ghost' id='post-item'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.trackedItem, { id: post.trackedItemId! }) })}>查看施工照片、票据和进度</ActionButton>
      )}
      {post.kind === 'poll_result' && post.sourceId && (
        <ActionButton className='btn btn--ghost' id='post-bulletin'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.pollBulletin, { id: post.sourceId! }) })}>查看选票公告</ActionButton>
      )}
      <ActionButton className='btn btn--ghost' id='post-print' loading={busy === 'print'} disabled={busy !== ''} onClick={print}>打印公告</ActionButton>
      <ActionButton className='btn btn--ghost' id='post-pdf' loading={busy === 'pdf'} disabled={busy !== ''}
        onClick={() => run('pdf', () => (h5 ? openPdf(post.id) : openPdfInWeapp(post.id)))}>{busy === 'pdf' ? '正在生成PDF…' : '下载PDF'}</ActionButton>
      <FormError message={error} id='post-print-error' />
    </View>
  )
}
