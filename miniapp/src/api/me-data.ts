import Taro from '@tarojs/taro'
import { CLOSE_ACCOUNT_CONFIRMATION, CloseAccountResult, Me, MyData } from '@linli/shared'
import { API_PREFIX, ApiError, request, toApiError } from './client'
import { clearTokens, loadTokens } from './tokens'

export type MyDataT = import('@linli/shared').MyData

/** 个人信息: everything the product holds about me and my household */
export function getMyData() {
  return request('GET', '/me/data', { schema: MyData })
}

/** 注销账号. On success the session is gone for good: the tokens are dropped here. */
export async function closeAccount() {
  const result = await request('POST', '/me/close', { body: { confirm: CLOSE_ACCOUNT_CONFIRMATION }, schema: CloseAccountResult })
  clearTokens()
  return result
}

const exportUrl = (format: 'json' | 'xlsx') => `${typeof API_BASE === 'string' ? API_BASE : ''}${API_PREFIX}/me/data/export?format=${format}`
const networkFailed = () => new ApiError(0, 'network.failed', '网络连接失败，请检查网络后重试')

/**
 * The export is a file, so it is fetched (H5) or downloaded (weapp) with the token attached
 * here, the way the board's PDF is. A cheap authenticated call first lets the client refresh
 * an expired access token.
 */
async function freshToken() {
  await request('GET', '/me', { schema: Me })
  return loadTokens()?.accessToken
}

/** H5: the JSON file, saved by the browser as a download. */
export async function downloadMyDataH5(): Promise<void> {
  const token = await freshToken()
  const res = await fetch(exportUrl('json'), { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch(() => { throw networkFailed() })
  if (!res.ok) throw toApiError(res.status, await res.text().catch(() => ''))
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'my-data.json'
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Mini-program: the XLSX workbook, opened in WeChat's document viewer (its menu saves or forwards it). */
export async function openMyDataWeapp(): Promise<void> {
  const token = await freshToken()
  const res = await Taro.downloadFile({ url: exportUrl('xlsx'), header: token ? { Authorization: `Bearer ${token}` } : {} })
    .catch(() => { throw networkFailed() })
  if (res.statusCode !== 200) {
    let body = ''
    try { body = String(Taro.getFileSystemManager().readFileSync(res.tempFilePath, 'utf8')) } catch { /* the fallback message will do */ }
    throw toApiError(res.statusCode, body)
  }
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
}
