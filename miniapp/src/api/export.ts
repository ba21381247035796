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
