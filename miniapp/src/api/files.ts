import Taro from '@tarojs/taro'
import { Me } from '@linli/shared'
import { ApiError, request, toApiError } from './client'
import { loadTokens } from './tokens'

/**
 * Files the API answers (exports, 个人信息, PDF notices). fetch and downloadFile are not wrapped
 * by the client's interceptor, so the token goes in by hand; a refusal comes back as the
 * server's own message. The server's domain must be among the mini-program's downloadFile domains.
 */

const networkFailed = () => new ApiError(0, 'network.failed', '网络连接失败，请检查网络后重试')
const bearer = (token: string | undefined): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {})

/** A cheap authenticated call first, so an expired access token is refreshed before the download. */
export async function freshToken(): Promise<string | undefined> {
  await request('GET', '/me', { schema: Me })
  return loadTokens()?.accessToken
}

/** H5: the file as a Response, with the current token (call freshToken or another request first). */
export async function fetchFile(url: string): Promise<Response> {
  const res = await fetch(url, { headers: bearer(loadTokens()?.accessToken) }).catch(() => { throw networkFailed() })
  if (!res.ok) throw toApiError(res.status, await res.text().catch(() => ''))
  return res
}

/** H5: a blob saved by the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** The file's Chinese name from Content-Disposition (filename*), else its ASCII one. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1]
  if (star) { try { return decodeURIComponent(star) } catch { /* the ASCII name then */ } }
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback
}

/** Mini-program: downloaded, then opened in WeChat's document viewer (its menu saves or forwards the file). */
export async function openInWeapp(url: string, fileType: 'xlsx' | 'pdf'): Promise<void> {
  const res = await Taro.downloadFile({ url, header: bearer(loadTokens()?.accessToken) }).catch(() => { throw networkFailed() })
  if (res.statusCode !== 200) {
    // the error body was written to the file
    let body = ''
    try { body = String(Taro.getFileSystemManager().readFileSync(res.tempFilePath, 'utf8')) } catch { /* the fallback message will do */ }
    throw toApiError(res.statusCode, body)
  }
  await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true })
}
