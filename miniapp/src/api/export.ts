import { ExportDatasetLabel, type ExportDataset } from '@linli/shared'
import { buildUrl } from './client'
import { fetchFile, fileNameOf, freshToken, openInWeapp, saveBlob } from './files'

export { fileNameOf }

/** The list's filters, passed on as they are (the export takes the same ones). */
export type ExportFilters = Record<string, string | boolean | undefined | null>

export const exportUrl = (unitId: string, dataset: ExportDataset, filters: ExportFilters = {}) =>
  buildUrl(`/units/${unitId}/export/${dataset}`, { ...filters, format: 'xlsx' } as Record<string, string | boolean | undefined | null>)

/** H5: the XLSX saved by the browser as a download; answers its file name. */
export async function downloadExportH5(unitId: string, dataset: ExportDataset, filters?: ExportFilters): Promise<string> {
  await freshToken()
  const res = await fetchFile(exportUrl(unitId, dataset, filters))
  const name = fileNameOf(res.headers.get('content-disposition'), `${ExportDatasetLabel[dataset]}.xlsx`)
  saveBlob(await res.blob(), name)
  return name
}

/** Mini-program: opened in WeChat's document viewer; answers the dataset's name. */
export async function openExportWeapp(unitId: string, dataset: ExportDataset, filters?: ExportFilters): Promise<string> {
  await freshToken()
  await openInWeapp(exportUrl(unitId, dataset, filters), 'xlsx')
  return ExportDatasetLabel[dataset]
}

/** 住户花名册导入模板: the header row the import reads, as an Excel file. */
export const rosterTemplateUrl = () => buildUrl('/households/import-template', { format: 'xlsx' })

/** H5 saves the template as a download; the mini-program opens it in WeChat's document viewer. */
export async function getRosterTemplate(): Promise<void> {
  await freshToken()
  if (process.env.TARO_ENV !== 'h5') return openInWeapp(rosterTemplateUrl(), 'xlsx')
  const res = await fetchFile(rosterTemplateUrl())
  saveBlob(await res.blob(), fileNameOf(res.headers.get('content-disposition'), '住户花名册导入模板.xlsx'))
}
