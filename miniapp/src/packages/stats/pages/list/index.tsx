import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import Chips from '../../../../components/chips'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { listCategories } from '../../../../api/reports'
import { listBehind, type BehindPage } from '../../../../api/stats'
import { BehindItem } from '../../components/behind-items'
import type { Behind } from '../../figures'
import { param } from '../../navigation'
import '../../stats.css'

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'ready'; page: BehindPage; more: 'idle' | 'loading' | string }

/** the lists a figure named, from the page's `lists` parameter (JSON of { label, list }) */
export function parseBehind(raw: string): Behind[] {
  try {
    const v = JSON.parse(raw) as unknown
    return Array.isArray(v) ? v.filter((b): b is Behind => typeof b?.label === 'string' && typeof b?.list === 'string' && b.list.startsWith('/')) : []
  } catch {
    return []
  }
}

/** The items behind one figure, exactly as the list endpoint filters them, page by page. */
export function BehindList({ title, behind }: { title: string; behind: Behind[] }) {
  const [chosen, setChosen] = useState(0)
  const [s, setS] = useState<State>({ status: 'loading' })
  const [cats, setCats] = useState<Record<string, string>>({})
  const [attempt, setAttempt] = useState(0)
  const list = behind[chosen]?.list
  useEffect(() => {
    if (!list) return
    let live = true
    setS({ status: 'loading' })
    listBehind(list).then((page) => live && setS({ status: 'ready', page, more: 'idle' }))
      .catch((e) => live && setS({ status: 'error', ...loadFailure(e) }))
    // report lists show their community's category names
    const unitId = /[?&]unitId=([^&]+)/.exec(list)?.[1]
    if (list.startsWith('/reports')) listCategories(unitId).then((c) => live && setCats(Object.fromEntries(c.items.map((x) => [x.code, x.name])))).catch(() => {})
    return () => { live = false }
  }, [list, attempt])
  const more = async () => {
    if (s.status !== 'ready' || !s.page.nextCursor) return
    setS({ ...s, more: 'loading' })
    try {
      const next = await listBehind(list!, s.page.nextCursor)
      setS({ status: 'ready', page: { ...next, items: [...s.page.items, ...next.items] } as BehindPage, more: 'idle' })
    } catch (e) {
      setS({ ...s, more: errorMessage(e) })
    }
  }
  return (
    <View className='page stats' id='stats-list-page'>
      <View role='heading' aria-level={1} className='h1'><Text>{title || '数据明细'}</Text></View>
      {behind.length === 0 && <ErrorState message='没有可查看的明细，请从数据看板进入' />}
      {behind.length > 1 && (
        <Chips id='stats-list-choice' value={String(chosen)} onChange={(v) => setChosen(Number(v))}
          options={behind.map((b, i) => ({ value: String(i), label: b.label }))} />
      )}
      {behind.length === 1 && <Text className='hint'>{behind[0].label}</Text>}
      {s.status === 'loading' && behind.length > 0 && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={() => setAttempt((n) => n + 1)} />}
      {s.status === 'ready' && s.page.items.length === 0 && <Empty title='没有记录' text='这一项在本期是 0。' />}
      {s.status === 'ready' && s.page.items.map((_, i) => <BehindItem key={i} page={s.page} index={i} cats={cats} />)}
      {s.status === 'ready' && s.page.nextCursor && (
        <ActionButton className='btn btn--ghost' id='stats-list-more' loading={s.more === 'loading'} onClick={more}>
          {s.more !== 'idle' && s.more !== 'loading' ? `加载失败：${s.more}，点此重试` : '加载更多'}
        </ActionButton>
      )}
    </View>
  )
}

export default function BehindListPage() {
  const params = useRouter().params
  return <BehindList title={param(params.title)} behind={parseBehind(param(params.lists))} />
}
