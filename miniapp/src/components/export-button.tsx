import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { ExportDataset } from '@linli/shared'
import { downloadExportH5, openExportWeapp, type ExportFilters } from '../api/export'
import ActionButton from './action-button'

export interface ExportButtonProps {
  unitId: string
  dataset: ExportDataset
  /** the filters the list shows now: the file holds the same rows */
  filters?: ExportFilters
  id?: string
  label?: string
}

/**
 * 导出: the list as an Excel file (XLSX). H5 saves it as a download; the mini-program opens it
 * in WeChat's document viewer, whose menu saves or forwards it. A failure says why in a toast.
 */
export default function ExportButton({ unitId, dataset, filters, id, label = '导出' }: ExportButtonProps) {
  const [busy, setBusy] = useState(false)
  async function run() {
    if (busy) return
    setBusy(true)
    try {
      await (process.env.TARO_ENV === 'h5' ? downloadExportH5(unitId, dataset, filters) : openExportWeapp(unitId, dataset, filters))
    } catch (err) {
      Taro.showToast({ title: (err as Error).message || '导出失败，请稍后再试', icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }
  return (
    <ActionButton id={id ?? `export-${dataset}`} className='btn btn--ghost btn--small' loading={busy} disabled={busy} onClick={() => { void run() }}>
      {busy ? '正在导出…' : label}
    </ActionButton>
  )
}
