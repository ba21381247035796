import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { BoardPostKindLabel, BoardPostStatusLabel, type BoardPostState } from '@linli/shared'
import ActionButton from '../../components/action-button'
import { Loading, ErrorState, Empty } from '../../components/state-view'
import { errorMessage, loadFailure } from '../../api/client'
import type { FailureKind } from '../../api/client'
import { getMe } from '../../api/auth'
import { isLoggedIn } from '../../api/tokens'
import { listPosts, type BoardPostSummaryT } from '../../api/publicity'
import { formatDateTime } from '../../format'
import { routes, withQuery } from '../../routes'
import { goLogin } from '../../return-to'
import './index.css'

type Scope = { id: string; name: string }
type State =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'unbound' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'ready'; scope: Scope; items: BoardPostSummaryT[]; nextCursor: string | null; isAdmin: boolean }

const FILTERS: { key: BoardPostState | ''; label: string }[] = [
  { key: '', label: '全部' }, { key: 'publicizing', label: '公示中' }, { key: 'final', label: '已生效' },
]

/** Whose board: my household's community; staff without a household, the community they work in (or their own unit above it). */
async function myScope(): Promise<{ scope: Scope | null; isAdmin: boolean }> {
  const me = await getMe()
  const isAdmin = me.roles.some((r) => r.role === 'community_admin')
  // /me names the community, so the board's posts are the only other request (no walk up the units)
  const role = me.roles[0]
  const scope = me.community ?? (role ? { id: role.unitId, name: role.unitName } : null)
  return { scope: scope && { id: scope.id, name: scope.name }, isAdmin }
}

function PostCard({ p }: { p: BoardPostSummaryT }) {
  return (
    <View className='card board__post' id={`post-${p.id}`}>
      <View className='board__post-head'>
        <Text className='board__kind'>{BoardPostKindLabel[p.kind]} · {p.unitName}</Text>
        <Text className={`board__status board__status--${p.status}`}>{BoardPostStatusLabel[p.status]}</Text>
      </View>
      <Text className='board__title'>{p.title}</Text>
      <Text className='board__meta'>
        {p.status === 'final' && p.finalizedAt ? `${formatDateTime(p.finalizedAt)} 生效` : `公示至 ${formatDateTime(p.windowEndsAt)}`}
      </Text>
      <Text className='board__meta'>
        异议 {p.objectionCount} 条{p.unansweredCount > 0 && <Text className='board__pending'>（{p.unansweredCount} 条待答复）</Text>}
      </Text>
      <ActionButton className='btn btn--ghost' id={`post-open-${p.id}`} aria-label={`查看详情与异议：${p.title}`}
        onClick={() => Taro.navigateTo({ url: withQuery(routes.boardPost, { id: p.id }) })}>查看详情与异议</ActionButton>
    </View>
  )
}

export default function BoardTab() {
  const [s, setS] = useState<State>({ status: 'loading' })
  const [filter, setFilter] = useState<BoardPostState | ''>('')
  const [more, setMore] = useState<'idle' | 'busy' | string>('idle')

  const load = useCallback((f: BoardPostState | '' = filter) => {
    if (!isLoggedIn()) return setS({ status: 'anonymous' })
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    ;(async () => {
      // asked on every show: another user may have logged in, or this one bound a household meanwhile
      const { scope, isAdmin } = await myScope()
      if (!scope) return setS({ status: 'unbound' })
      const page = await listPosts({ unitId: scope.id, status: f || undefined })
      setS({ status: 'ready', scope, items: page.items, nextCursor: page.nextCursor, isAdmin })
    })().catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [filter])
  useDidShow(() => load())

  function pick(f: BoardPostState | '') {
    setFilter(f)
    setS({ status: 'loading' })
    load(f)
  }

  async function loadMore() {
    if (s.status !== 'ready' || !s.nextCursor) return
    setMore('busy')
    try {
      const page = await listPosts({ unitId: s.scope.id, status: filter || undefined, cursor: s.nextCursor })
      setS({ ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor })
      setMore('idle')
    } catch (e) {
      setMore(errorMessage(e))
    }
  }

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={() => load()} /></View>
  if (s.status === 'anonymous') {
    return (
      <View className='page'>
        <Empty title='请先登录' text='登录后可以查看本社区的公示，并在公示期内提出异议。'>
          <ActionButton className='btn' id='board-login' onClick={() => goLogin({ url: routes.board, needsHousehold: true })}>登录</ActionButton>
        </Empty>
      </View>
    )
  }
  if (s.status === 'unbound') {
    return (
      <View className='page'>
        <Empty title='还没有绑定您家' text='绑定后即可查看本社区的公示。'>
          <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.bind })}>绑定我家</ActionButton>
        </Empty>
      </View>
    )
  }
  return (
    <View className='page board'>
      <View role='heading' aria-level={1} className='h1'><Text>{s.scope.name}公示栏</Text></View>
      <Text className='hint'>投票结果、议事决议、维修和资金使用在这里公示，与线下公告栏一致。公示期内可以提出异议，每条异议都会公开答复。</Text>
      <ActionButton className='btn btn--ghost' id='board-items'
        onClick={() => Taro.navigateTo({ url: withQuery(routes.trackedItems, { unitId: s.scope.id, name: s.scope.name }) })}>
        跟踪落实：维修与项目进度
      </ActionButton>
      {s.isAdmin && (
        <ActionButton className='btn' id='board-post-new' onClick={() => Taro.navigateTo({ url: routes.boardPostNew })}>发布公示</ActionButton>
      )}
      <View className='board__filters' role='radiogroup' aria-label='按状态筛选'>
        {FILTERS.map((f) => (
          <ActionButton key={f.key || 'all'} id={`board-filter-${f.key || 'all'}`} aria-pressed={filter === f.key}
            className={`btn btn--small ${filter === f.key ? '' : 'btn--ghost'}`} onClick={() => pick(f.key)}>{f.label}</ActionButton>
        ))}
      </View>
      {s.items.length === 0 ? (
        <Empty title='暂无公示' text={filter ? '没有这个状态的公示。' : '社区发布公示后会显示在这里。'} />
      ) : (
        <View id='board-list'>
          {s.items.map((p) => <PostCard key={p.id} p={p} />)}
        </View>
      )}
      {s.nextCursor && (
        <ActionButton className='btn btn--ghost' id='board-more' loading={more === 'busy'} disabled={more === 'busy'} onClick={loadMore}>
          {more === 'busy' ? '正在加载…' : '加载更多'}
        </ActionButton>
      )}
      {more !== 'idle' && more !== 'busy' && <View className='form-error' role='alert'><Text>{more}</Text></View>}
    </View>
  )
}
