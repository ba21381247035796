import Taro from '@tarojs/taro'
import { ExportDatasetLabel, Me, type ExportDataset } from '@linli/shared'
import { ApiError, buildUrl, request, toApiError } from './client'
import { loadTokens } from './tokens'

/** The list's filters, passed on as they are (the export takes the same ones). */
export type ExportFilters = Record<string, string | boolean | undefined | null>

export const exportUrl = (unitId: string, dataset: ExportDataset, filters: ExportFilters = {}) =>
  buildUrl(`/units/${unitId}/export/${dataset}`, { ...filters, format: 'xlsx' } as Record<string, string | boolean | undefined | null>)

const networkFailed = () => new ApiError(0, 'network.failed', '网络连接失败，请检查网络后重试')

/** A cheap authenticated call first, so an expired access token is refreshed before the download (which no interceptor wraps). */
async function freshToken() {
  await request('GET', '/me', { schema: Me })
  return loadTokens()?.accessToken
}

/** The file's Chinese name from Content-Disposition (filename*), else its ASCII one. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1]
  if (star) { try { return decodeURIComponent(star) } catch { /* the ASCII name then */ } }
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback
}

/** H5: the XLSX saved by the browser as a download. */
export async function downloadExportH5(unitId: string, dataset: ExportDataset, filters?: ExportFilters): Promise<string> {
  const token = await freshToken()
  const res = await fetch(exportUrl(unitId, dataset, filters), { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch(() => { throw networkFailed() })
  if (!res.ok) throw toApiError(res.status, await res.text().catch(() => ''))
  const name = fileNameOf(res.headers.get('content-disposition'), `${ExportDatasetLabel[dataset]}.xlsx`)
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return name
}

/** Mini-program: downloaded, then opened in WeChat's document viewer (its menu saves or forwards the file). */
export async function openExportWeapp(unitId: string, dataset: ExportDataset, filters?: ExportFilters): Promise<string> {
  const token = await freshToken()
  const res = await Taro.downloadFile({ url: exportUrl(unitId, dataset, filters), header: token ? { Authorization: `Bearer ${token}` } : {} })
    .catch(() => { throw networkFailed() })
  if (res.statusCode !== 200) {
    let body = ''
    try { body = String(Taro.getFileSystemManager().readFileSync(res.tempFilePath, 'utf8')) } catch { /* the fallback message will do */ }
    throw toApiError(res.statusCode, body)
  }
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
  return ExportDatasetLabel[dataset]
}
