import { CLOSE_ACCOUNT_CONFIRMATION, CloseAccountResult, MyData } from '@linli/shared'
import { buildUrl, request } from './client'
import { fetchFile, fileNameOf, freshToken, openInWeapp, saveBlob } from './files'
import { clearTokens } from './tokens'

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

const exportUrl = (format: 'json' | 'xlsx') => buildUrl('/me/data/export', { format })

/** H5: the JSON file, saved by the browser as a download. */
export async function downloadMyDataH5(): Promise<void> {
  await freshToken()
  const res = await fetchFile(exportUrl('json'))
  saveBlob(await res.blob(), fileNameOf(res.headers.get('content-disposition'), 'my-data.json'))
}

/** Mini-program: the XLSX workbook, opened in WeChat's document viewer (its menu saves or forwards it). */
export async function openMyDataWeapp(): Promise<void> {
  await freshToken()
  await openInWeapp(exportUrl('xlsx'), 'xlsx')
}
