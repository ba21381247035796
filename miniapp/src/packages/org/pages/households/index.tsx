import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../../components/action-button'
import ExportButton from '../../../../components/export-button'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { issueBindingCode, listHouseholds, type BindingCodeT, type HouseholdT } from '../../../../api/org'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { routes, withQuery } from '../../../../routes'
import { formatDateTime } from '../../../../format'
import '../../org.css'

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'ready'; items: HouseholdT[]; nextCursor: string | null; more?: boolean }

function CodeCard({ code }: { code: BindingCodeT }) {
  return (
    <View className='code-card' role='status' id={`code-${code.householdId}`}>
      <Text className='code-card__label'>绑定码（只显示这一次，请抄给住户）</Text>
      <Text className='code-card__code' selectable id='binding-code'>{code.code}</Text>
      <Text className='code-card__exp'>有效期至 {formatDateTime(code.expiresAt)}，只能使用一次</Text>
    </View>
  )
}

function HouseholdItem({ h }: { h: HouseholdT }) {
  const [code, setCode] = useState<BindingCodeT | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const issue = async () => {
    setBusy(true)
    setError('')
    try {
      setCode(await issueBindingCode(h.id))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card household' data-address={h.address}>
      <Text className='household__address'>{h.address}</Text>
      {/* a line of its own: the 生成绑定码 button below does not run on after 已绑定 n 人 */}
      <View className='muted'>
        {h.unitName} · 户主：{h.headName ?? '未登记'}{h.area !== null ? ` · ${h.area} 平方米` : ''} · 已绑定 {h.members.length} 人
      </View>
      {code ? <CodeCard code={code} /> : (
        <ActionButton className='btn btn--ghost btn--small household__issue' disabled={busy} loading={busy || undefined}
          aria-label={`为 ${h.address} 生成绑定码`} onClick={() => void issue()}>
          生成绑定码
        </ActionButton>
      )}
      <FormError message={error} />
    </View>
  )
}

export default function Households() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const unitName = decodeURIComponent(params.name ?? '')
  const [q, setQ] = useState('')
  const [state, setState] = useState<ListState>({ status: 'loading' })

  const load = useCallback(async (query: string) => {
    if (!unitId) { setState({ status: 'error', message: '缺少单位参数，请从工作台进入' }); return }
    setState({ status: 'loading' })
    try {
      const page = await listHouseholds(unitId, query || undefined)
      setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor })
    } catch (e) {
      setState({ status: 'error', ...loadFailure(e) })
    }
  }, [unitId])

  useEffect(() => { if (unitName) Taro.setNavigationBarTitle({ title: `${unitName} 住户` }) }, [unitName])
  useDidShow(() => { void load(q) })

  const more = async () => {
    if (state.status !== 'ready' || !state.nextCursor) return
    setState({ ...state, more: true })
    try {
      const page = await listHouseholds(unitId, q || undefined, state.nextCursor)
      setState({ status: 'ready', items: [...state.items, ...page.items], nextCursor: page.nextCursor })
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' })
      setState({ ...state, more: false })
    }
  }

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{unitName || '住户名册'}</Text></View>
      <View className='households__actions'>
        <ActionButton className='btn btn--small' id='to-new-household'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.householdNew, { unitId, name: unitName }) })}>新建住户</ActionButton>
        <ActionButton className='btn btn--small btn--ghost' id='to-import'
          onClick={() => Taro.navigateTo({ url: withQuery(routes.importRoster, { unitId, name: unitName }) })}>导入名册</ActionButton>
        <ExportButton unitId={unitId} dataset='households' label='导出名册' />
      </View>
      <View className='households__search'>
        <Input className='field__input' id='household-search' aria-label='按地址或户主搜索' placeholder='按地址或户主搜索'
          confirmType='search' value={q} onInput={(e) => setQ(e.detail.value)} onConfirm={() => void load(q)} />
        <ActionButton className='btn btn--small' id='household-search-btn' onClick={() => void load(q)}>搜索</ActionButton>
      </View>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} kind={state.kind} onRetry={() => void load(q)} />}
      {state.status === 'ready' && state.items.length === 0 && (
        <Empty title={q ? '没有找到匹配的住户' : '还没有住户'} text={q ? '换个关键词试试。' : '可以新建住户，或从电脑端导入名册。'} />
      )}
      {state.status === 'ready' && state.items.map((h) => <HouseholdItem key={h.id} h={h} />)}
      {state.status === 'ready' && state.nextCursor && (
        <ActionButton className='btn btn--ghost' disabled={state.more} loading={state.more || undefined} onClick={() => void more()}>
          加载更多
        </ActionButton>
      )}
    </View>
  )
}
