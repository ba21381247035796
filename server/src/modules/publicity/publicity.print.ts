import { BoardPostKindLabel, BoardPostStatusLabel, type BoardPost } from '@linli/shared'
import QRCode from 'qrcode'

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const fmt = (iso: string) => new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
}).format(new Date(iso))

/** The post's page in the H5 app / mini-program, which the QR code on the paper notice opens. */
export const postPageUrl = (origin: string, id: string) => `${origin}/#/packages/board/pages/detail/index?id=${id}`

/**
 * The notice for the physical board (线下公告栏): A4, Chinese, the same facts as the online
 * post, with a code to it: the mini-program code (`miniCode`, a PNG from WeChat) when there is
 * one, else a QR code of the H5 page. Browsers print it to paper or PDF.
 */
export async function renderNotice(post: BoardPost, origin: string, miniCode: Buffer | null = null): Promise<string> {
  const url = postPageUrl(origin, post.id)
  const code = miniCode
    ? `<img class="wxacode" alt="微信小程序码" src="data:image/png;base64,${miniCode.toString('base64')}">`
    : await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
  const scan = miniCode ? '微信扫码查看线上公示及异议答复' : '扫码查看线上公示及异议答复'
  const objections = post.objections.length === 0 ? '' : `
  <section class="objections"><h2>异议及答复</h2><ol>${post.objections.map((o) => `
    <li><p class="q">异议（${fmt(o.createdAt)}）：${esc(o.body)}</p>
    <p class="a">${o.answer ? `答复（${fmt(o.answeredAt!)}）：${esc(o.answer)}` : '尚未答复'}</p></li>`).join('')}
  </ol></section>`
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(post.title)}</title>
<style>
  @page { size: A4 portrait; margin: 18mm 16mm; }
  * { box-sizing: border-box; }
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 14pt; line-height: 1.7; color: #000; margin: 0; }
  .sheet { width: 178mm; min-height: 257mm; margin: 0 auto; display: flex; flex-direction: column; }
  header { text-align: center; border-bottom: 2px solid #c00; padding-bottom: 4mm; margin-bottom: 6mm; }
  header .kind { color: #c00; font-size: 26pt; font-weight: bold; letter-spacing: 4pt; }
  h1 { font-size: 20pt; margin: 3mm 0 0; }
  .meta { font-size: 11pt; color: #333; margin-bottom: 4mm; }
  .body { white-space: pre-wrap; flex: 1; }
  .objections h2 { font-size: 14pt; margin: 4mm 0 2mm; }
  .objections p { margin: 0; font-size: 12pt; }
  .objections .a { margin-bottom: 2mm; }
  footer { display: flex; align-items: flex-end; justify-content: space-between; border-top: 1px solid #999; padding-top: 4mm; margin-top: 6mm; font-size: 11pt; }
  .qr { width: 32mm; height: 32mm; }
  .qr svg, .qr img { width: 100%; height: 100%; }
  @media print { .noprint { display: none; } }
</style>
</head>
<body>
<div class="sheet">
  <header><div class="kind">${esc(BoardPostKindLabel[post.kind])}公示</div><h1>${esc(post.title)}</h1></header>
  <div class="meta">公示范围：${esc(post.unitName)}　状态：${BoardPostStatusLabel[post.status]}<br>
  公示期：${fmt(post.publishedAt)} 至 ${fmt(post.windowEndsAt)}。公示期内如有异议，请扫码在线提出或向社区反映。</div>
  <div class="body">${esc(post.body)}</div>${objections}
  <footer>
    <div>${esc(post.unitName)}<br>发布日期：${fmt(post.publishedAt)}<br><span class="url">${scan}</span>${post.kind === 'poll_result'
      ? '<br><span class="bulletin">核对选票：扫码后点“查看选票公告”，可按回执码查找自家选票、重新计票</span>' : ''}</div>
    <div class="qr" title="${esc(url)}">${code}</div>
  </footer>
</div>
</body>
</html>`
}
