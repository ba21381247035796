import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Empty, ErrorState, FormError, Loading } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { downloadMyDataH5, getMyData, openMyDataWeapp, type MyDataT } from '../../../../api/me-data'
import { isLoggedIn } from '../../../../api/tokens'
import { routes, withQuery } from '../../../../routes'
import { goLogin } from '../../../../return-to'
import { MyDataSections } from '../../components/my-data-sections'
import { CloseAccount } from '../../components/close-account'
import './index.css'

const h5 = process.env.TARO_ENV === 'h5'

/** 导出我的数据: a JSON file in the browser, the XLSX workbook in WeChat's document viewer. */
function ExportCard() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [done, setDone] = useState(false)
  async function run() {
    setBusy(true)
    setError('')
    setDone(false)
    try {
      await (h5 ? downloadMyDataH5() : openMyDataWeapp())
      setDone(true)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View>
      <ActionButton className='btn' id='mydata-export' disabled={busy} loading={busy || undefined} onClick={() => void run()}>
        {busy ? '正在导出…' : '导出我的数据'}
      </ActionButton>
      <Text className='mydata__more'>{h5 ? '下载为 JSON 文件，含下面每一栏的全部记录。' : '生成表格文件，可在右上角菜单中保存或转发。'}</Text>
      {done && <View className='mydata__more' id='mydata-export-done' role='status'><Text>已导出。</Text></View>}
      <FormError message={error} id='mydata-export-error' />
    </View>
  )
}

export function MyDataView({ data, onClosed }: { data: MyDataT; onClosed: () => void }) {
  return (
    <View className='page mydata'>
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>个人信息</Text></View>
        <Text className='mydata__intro'>这里是本应用保存的关于您和您家的全部信息。家人投的票只显示“已投”，不显示选了什么。</Text>
        <ExportCard />
        <ActionButton className='btn btn--ghost' id='mydata-privacy' onClick={() => Taro.navigateTo({ url: withQuery(routes.privacy, { view: '1' }) })}>查看隐私条款</ActionButton>
      </View>
      <MyDataSections data={data} />
      <CloseAccount data={data} onClosed={onClosed} />
    </View>
  )
}

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; data: MyDataT }

export default function MyDataPage() {
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(() => {
    setS({ status: 'loading' })
    getMyData().then((data) => setS({ status: 'ready', data })).catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [])
  useEffect(() => { if (isLoggedIn()) load() }, [load])

  if (!isLoggedIn()) {
    return (
      <View className='page'>
        <Empty title='您还没有登录' text='登录后可以查看和导出您的个人信息。'>
          <ActionButton className='btn' id='mydata-login' onClick={() => goLogin({ url: routes.myData })}>登录</ActionButton>
        </Empty>
      </View>
    )
  }
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  return (
    <MyDataView data={s.data} onClosed={() => {
      void Taro.showToast({ title: '账号已注销', icon: 'none' }).catch(() => undefined)
      void Taro.reLaunch({ url: routes.home })
    }} />
  )
}
