import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BoardPostKind, BoardPostKindLabel, PUBLICITY_LIMITS, type BoardPostKind as BoardPostKindT } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { errorMessage } from '../../../../api/client'
import { createPost, type BoardPostT, type NewBoardPost } from '../../../../api/publicity'
import { useSession } from '../../../../session'
import { routes, withQuery } from '../../../../routes'
import { goLogin } from '../../../../return-to'
import { adminUnits, type UnitChoice } from '../../scope'
import '../../board.css'

// the kinds an admin writes by hand first; poll results and repairs are usually published from their own pages
const KIND_ORDER: BoardPostKindT[] = ['fund_use', 'points_table', 'report_stats', 'annual_project', 'resolution', 'poll_result', 'repair']
export const POST_KINDS = KIND_ORDER.filter((k) => BoardPostKind.options.includes(k))

export interface PostDraft {
  kind: BoardPostKindT | ''
  unitId: string
  title: string
  body: string
  windowDays: string
}

export const emptyPostDraft = (over: Partial<PostDraft> = {}): PostDraft => ({
  kind: '', unitId: '', title: '', body: '', windowDays: String(PUBLICITY_LIMITS.defaultWindowDays), ...over,
})

/** The first thing missing or wrong, in the order the form asks; '' when it can be sent. */
export function postProblem(d: PostDraft): string {
  if (!d.kind) return '请选择公示类别'
  if (!d.unitId) return '请选择公示范围'
  if (!d.title.trim()) return '请填写公示标题'
  if (d.title.trim().length > PUBLICITY_LIMITS.titleMax) return `标题最多 ${PUBLICITY_LIMITS.titleMax} 个字`
  if (!d.body.trim()) return '请填写公示内容'
  if (d.body.trim().length > PUBLICITY_LIMITS.bodyMax) return `公示内容最多 ${PUBLICITY_LIMITS.bodyMax} 个字`
  const days = /^\d{1,3}$/.test(d.windowDays.trim()) ? Number(d.windowDays.trim()) : NaN
  if (!(days >= 1 && days <= PUBLICITY_LIMITS.maxWindowDays)) return `公示期请填写 1 到 ${PUBLICITY_LIMITS.maxWindowDays} 之间的整数天数`
  return ''
}

export function toPostBody(d: PostDraft): NewBoardPost {
  return { unitId: d.unitId, kind: d.kind as BoardPostKindT, title: d.title.trim(), body: d.body.trim(), windowDays: Number(d.windowDays.trim()) }
}

export function NewPostForm({ units, onCreated }: { units: UnitChoice[]; onCreated: (post: BoardPostT) => void }) {
  const [d, setD] = useState<PostDraft>(() => emptyPostDraft({ unitId: units[0]?.id ?? '' }))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const set = (patch: Partial<PostDraft>) => { setD((x) => ({ ...x, ...patch })); setError('') }

  async function submit() {
    const problem = postProblem(d)
    if (problem) return setError(problem)
    setBusy(true)
    try {
      onCreated(await createPost(toPostBody(d)))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card'>
        <View className='field'>
          <Text className='field__label'>公示类别</Text>
          <View className='choice-row' role='radiogroup' aria-label='公示类别'>
            {POST_KINDS.map((k) => (
              <ActionButton key={k} id={`post-new-kind-${k}`} aria-pressed={d.kind === k}
                className={`btn btn--small ${d.kind === k ? '' : 'btn--ghost'}`} onClick={() => set({ kind: k })}>{BoardPostKindLabel[k]}</ActionButton>
            ))}
          </View>
        </View>
        <View className='field'>
          <Text className='field__label'>公示范围</Text>
          <View className='choice-row' role='radiogroup' aria-label='公示范围'>
            {units.map((u) => (
              <ActionButton key={u.id} id={`post-new-unit-${u.id}`} aria-pressed={d.unitId === u.id}
                className={`btn btn--small ${d.unitId === u.id ? '' : 'btn--ghost'}`} onClick={() => set({ unitId: u.id })}>{u.name}</ActionButton>
            ))}
          </View>
          <Text className='muted'>范围内（含下级）的住户可以在公示期内提出异议。</Text>
        </View>
        <View className='field'>
          <Text className='field__label'>标题</Text>
          <Input className='field__input' id='post-new-title' placeholder='如：三季度公益金使用情况' maxlength={PUBLICITY_LIMITS.titleMax}
            value={d.title} onInput={(e) => set({ title: e.detail.value })} />
        </View>
        <View className='field'>
          <Text className='field__label'>内容</Text>
          <Textarea className='board__textarea' id='post-new-body' aria-label='公示内容' maxlength={PUBLICITY_LIMITS.bodyMax}
            placeholder='写清楚事实：金额、用途、经手人、时间。' value={d.body} onInput={(e) => set({ body: e.detail.value })} />
        </View>
        <View className='field'>
          <Text className='field__label'>公示期（天）</Text>
          <Input className='field__input' id='post-new-days' type='number' value={d.windowDays} onInput={(e) => set({ windowDays: e.detail.value })} />
          <Text className='muted'>默认 {PUBLICITY_LIMITS.defaultWindowDays} 天。每条异议都要公开答复，公示期满且异议都答复后才能生效。</Text>
        </View>
      </View>
      <FormError message={error} id='post-new-error' />
      <ActionButton className='btn' id='post-new-submit' disabled={busy} loading={busy} onClick={submit}>{busy ? '正在发布…' : '发布公示'}</ActionButton>
    </View>
  )
}

/** 发布公示: a community admin puts a post on the board (资金使用、积分公示、上报统计 ...). */
export default function BoardPostNew() {
  const [s, reload] = useSession()
  const [units, setUnits] = useState<{ units: UnitChoice[]; error: string } | null>(null)
  const isAdmin = s.status === 'ready' && s.me.roles.some((r) => r.role === 'community_admin')

  useEffect(() => {
    if (s.status !== 'ready' || !isAdmin) return
    adminUnits(s.me).then(setUnits)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.status, isAdmin])

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous') {
    return (
      <View className='page'>
        <Empty title='请先登录' text='社区管理员登录后可以发布公示。'>
          <ActionButton className='btn' onClick={() => goLogin({ url: routes.boardPostNew })}>登录</ActionButton>
        </Empty>
      </View>
    )
  }
  if (!isAdmin) return <View className='page'><Empty title='只有社区管理员可以发布公示' /></View>
  return (
    <View className='page board'>
      <View role='heading' aria-level={1} className='h1'><Text>发布公示</Text></View>
      <Text className='hint'>发布后在公示栏公开，可打印成线下公告（带二维码），线上线下内容一致。</Text>
      {units?.error && <Text className='hint'>下级单元加载失败（{units.error}），可先在本单元发布。</Text>}
      {units === null ? <Loading /> : units.units.length === 0 ? <Empty title='没有可发布的单元' /> : (
        <NewPostForm units={units.units} onCreated={(post) => Taro.redirectTo({ url: withQuery(routes.boardPost, { id: post.id }) })} />
      )}
    </View>
  )
}
