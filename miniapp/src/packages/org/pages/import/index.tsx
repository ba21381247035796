import { useState } from 'react'
import '../../org.css'
import { View, Text } from '@tarojs/components'
import ActionButton from '../../../../components/action-button'
import Taro, { useRouter } from '@tarojs/taro'
import { importRoster, type ImportReportT } from '../../../../api/org'
import { errorMessage } from '../../../../api/client'
import { FormError } from '../../../../components/state-view'
import { getRosterTemplate } from '../../../../api/export'

interface Picked { path: string; name: string }

function Report({ r }: { r: ImportReportT }) {
  return (
    <View className='card' id='import-report' role='status'>
      <Text className='card__title'>{r.dryRun ? '检查结果（尚未导入）' : '导入完成'}</Text>
      <Text className='muted'>
        共 {r.total} 行，可导入 {r.valid} 行，有问题 {r.rejected.length} 行{r.dryRun ? '' : `，已导入 ${r.imported} 户`}。
      </Text>
      {r.rejected.map((p) => (
        <View className='row' key={p.row}>
          <Text className='row__label'>第 {p.row} 行</Text>
          <Text className='row__value import__problem'>{p.problems.join('；')}</Text>
        </View>
      ))}
    </View>
  )
}

export default function ImportRoster() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const [file, setFile] = useState<Picked | null>(null)
  const [report, setReport] = useState<ImportReportT | null>(null)
  const [busy, setBusy] = useState<'' | 'check' | 'commit'>('')
  const [error, setError] = useState('')

  const pickWeapp = async () => {
    try {
      const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] })
      const f = r.tempFiles[0]
      setFile({ path: f.path, name: f.name })
      setReport(null)
    } catch {
      // the user closed the chooser
    }
  }

  const run = async (dryRun: boolean) => {
    if (!file) { setError('请先选择名册文件'); return }
    setBusy(dryRun ? 'check' : 'commit')
    setError('')
    try {
      setReport(await importRoster(unitId, file.path, file.name, dryRun))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy('')
    }
  }

  return (
    <View className='page'>
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>导入住户名册</Text></View>
        <Text className='field__help'>支持 CSV 或 Excel（.xlsx）文件，第一行为表头：单元、地址、户主、面积。先检查，确认无误后再导入。</Text>
        <View className='import__template'>
          <ActionButton className='btn btn--ghost btn--small' id='import-template' onClick={() => {
            getRosterTemplate().catch((e: Error) => Taro.showToast({ title: e.message || '下载失败，请稍后再试', icon: 'none', duration: 3000 }))
          }}>下载导入模板（Excel）</ActionButton>
        </View>
        {process.env.TARO_ENV === 'h5' ? (
          <View className='field'>
            <Text className='field__label'>名册文件</Text>
            <label className='import__pick' htmlFor='import-file'>{file ? '换一个文件' : '选择名册文件'}</label>
            <input id='import-file' className='import__file import__file--hidden' type='file' accept='.csv,.xlsx'
              onChange={(e) => {
                const f = e.currentTarget.files?.[0]
                if (f) { setFile({ path: URL.createObjectURL(f), name: f.name }); setReport(null) }
              }} />
          </View>
        ) : (
          <View className='field'>
            <Text className='field__help'>也可以在电脑浏览器中登录后导入，更方便。</Text>
            <ActionButton className='btn btn--ghost' onClick={() => void pickWeapp()}>从微信聊天中选择文件</ActionButton>
          </View>
        )}
        {file && <Text className='muted'>已选择：{file.name}</Text>}
        <FormError message={error} id='import-error' />
        <ActionButton className='btn' id='import-check' disabled={!!busy} loading={busy === 'check' || undefined} onClick={() => void run(true)}>
          检查文件
        </ActionButton>
        {report?.dryRun && report.valid > 0 && (
          <ActionButton className='btn' id='import-commit' disabled={!!busy} loading={busy === 'commit' || undefined} onClick={() => void run(false)}>
            确认导入 {report.valid} 户
          </ActionButton>
        )}
      </View>
      {report && <Report r={report} />}
    </View>
  )
}
