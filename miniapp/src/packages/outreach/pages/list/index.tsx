import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import LoginPrompt from '../../../../components/login-prompt'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { listOutreachSessions, type OutreachSessionT } from '../../../../api/outreach'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { routes, withQuery } from '../../../../routes'
import { hereUrl } from '../../../../return-to'
import SessionCard from '../../components/session-card'
import CheckIn from '../../components/check-in'
import { adminUnits, managesOutreach } from '../../roles'
import '../../outreach.css'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: OutreachSessionT[] }
const HELD_AFTER_MS = 6 * 3600_000

/** 院坝宣讲: check in with a code, the courtyard's coming sessions (its 议事 calendar of 宣讲), then past ones. */
export default function OutreachList() {
  const { params } = useRouter()
  const [s, reload] = useSession()
  const [state, setState] = useState<State>({ status: 'loading' })
  const unitId = params.unitId || undefined
  const load = useCallback(() => {
    setState({ status: 'loading' })
    listOutreachSessions(unitId ? { unitId } : {})
      .then((r) => setState({ status: 'ready', items: r.items }))
      .catch((e) => setState({ status: 'error', ...loadFailure(e) }))
  }, [unitId])
  useEffect(() => { if (s.status === 'ready') load() }, [s.status, load])
  useDidShow(() => { if (s.status === 'ready') load() })

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous') return <View className='page'><LoginPrompt text='登录后查看院坝宣讲并签到。' returnTo={{ url: hereUrl(routes.outreach, params) }} /></View>
  const me = s.me
  const now = Date.now()
  const items = state.status === 'ready' ? state.items : []
  const coming = items.filter((x) => new Date(x.startsAt).getTime() > now - HELD_AFTER_MS).reverse()
  const past = items.filter((x) => new Date(x.startsAt).getTime() <= now - HELD_AFTER_MS)
  const manageQuery = unitId ? { unitId } : ({} as Record<string, string>)

  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>院坝宣讲</Text></View>
      <Text className='hint'>政策宣讲、安全知识、移风易俗等宣讲进院坝。到场签到，本户得积分。</Text>
      {me.household && <CheckIn initial={params.code ?? ''} onDone={() => load()} />}
      {managesOutreach(me) && (
        <ActionButton className='btn' id='outreach-new' onClick={() => Taro.navigateTo({ url: withQuery(routes.outreachNew, manageQuery) })}>安排宣讲</ActionButton>
      )}
      {adminUnits(me).length > 0 && (
        <ActionButton className='btn btn--ghost' id='outreach-plan' onClick={() => Taro.navigateTo({ url: withQuery(routes.outreachPlan, { unitId: adminUnits(me)[0].unitId }) })}>本季度宣讲主题</ActionButton>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} kind={state.kind} onRetry={load} />}
      {state.status === 'ready' && (items.length === 0
        ? <Empty title='还没有宣讲活动' text={me.household || unitId ? '宣传员安排宣讲后，会通知院坝住户并列在这里。' : '绑定住户后可以看到本院坝的宣讲。'} />
        : (
          <View id='outreach-sessions'>
            <View role='heading' aria-level={2} className='card__title'><Text>近期宣讲</Text></View>
            {coming.length === 0 ? <Text className='muted'>暂无即将举行的宣讲。</Text> : coming.map((x) => <SessionCard key={x.id} s={x} />)}
            {past.length > 0 && <View role='heading' aria-level={2} className='card__title'><Text>往期宣讲</Text></View>}
            {past.map((x) => <SessionCard key={x.id} s={x} />)}
          </View>
        ))}
    </View>
  )
}
