import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getMe, type MeT } from '../../../../api/auth'
import { unitAncestors } from '../../../../api/org'
import { listFeed, type PublicReportT } from '../../../../api/reports'
import { isLoggedIn } from '../../../../api/tokens'
import { formatDateTime } from '../../../../format'
import { BeforeAfterPhotos } from '../../../../components/photos'
import StatusTag from '../../components/status-tag'
import Timeline from '../../components/timeline'
import { routes } from '../../../../routes'
import { goBind } from '../../../../return-to'
import { sharePath } from '../../../../share'
import LoginPrompt from '../../../../components/login-prompt'
import '../../reports.css'
import { ownWords } from '../../report-text'

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'nounit' }
  | { status: 'ready'; unitId: string; items: PublicReportT[]; nextCursor: string | null; more: boolean }

/** the community whose feed to show: a staff role's unit, else the household's community (one request for its ancestors) */
async function feedUnit(me: MeT): Promise<string | null> {
  if (me.roles.length > 0) return me.roles[0].unitId
  if (!me.household) return null
  const chain = await unitAncestors(me.household.unitId)
  return (chain.find((u) => ['community', 'village', 'enterprise'].includes(u.kind)) ?? chain[chain.length - 1])?.id ?? null
}

/** 大家的上报: accepted reports that passed the content check; no reporter, location blurred */
export default function ReportFeed() {
  const { params } = useRouter()
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(async () => {
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    try {
      const unitId = params.unitId || (isLoggedIn() ? await feedUnit(await getMe()) : null)
      if (!unitId) return setS({ status: 'nounit' })
      const r = await listFeed(unitId)
      setS({ status: 'ready', unitId, items: r.items, nextCursor: r.nextCursor, more: false })
    } catch (e) {
      setS({ status: 'error', ...loadFailure(e) })
    }
  }, [params.unitId])
  useDidShow(() => { load() })
  usePullDownRefresh(() => { load().finally(() => Taro.stopPullDownRefresh()) })

  async function more() {
    if (s.status !== 'ready' || !s.nextCursor) return
    setS({ ...s, more: true })
    try {
      const r = await listFeed(s.unitId, s.nextCursor)
      setS({ ...s, items: [...s.items, ...r.items], nextCursor: r.nextCursor, more: false })
    } catch (e) {
      setS({ ...s, more: false })
      Taro.showToast({ title: errorMessage(e), icon: 'none' }).catch(() => undefined)
    }
  }

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  if (s.status === 'nounit') {
    const back = { url: routes.reportFeed, needsHousehold: true }
    return (
      <View className='page'>
        {isLoggedIn()
          ? <Empty title='请先绑定您家' text='绑定后可以看到本社区大家上报的问题和处理进度。'>
              <ActionButton className='btn' id='feed-bind' onClick={() => goBind(back)}>绑定我家</ActionButton>
            </Empty>
          : <LoginPrompt text='登录并绑定您家后，可以看到本社区大家上报的问题和处理进度。' returnTo={back} />}
      </View>
    )
  }
  return (
    <View className='page reports'>
      <View role='heading' aria-level={1} className='h1'><Text>大家的上报</Text></View>
      <Text className='hint'>已受理的问题和处理进度。为保护隐私，不显示上报人，位置只精确到约 100 米。</Text>
      {s.items.length === 0 ? <Empty title='还没有公开的上报' /> : s.items.map((r) => (
        <View className='card' key={r.id} id={`feed-${r.id}`}>
          <View className='reports__item-head'>
            <Text className='card__title'>{r.categoryName}</Text>
            <StatusTag status={r.status} />
          </View>
          <Text className='reports__desc'>{ownWords(r)}</Text>
          <Text className='muted'>{formatDateTime(r.createdAt)}{r.supportCount > 0 ? ` · ${r.supportCount} 人也遇到` : ''}</Text>
          <BeforeAfterPhotos photos={r.photos} id={`feed-photos-${r.id}`} />
          <Timeline entries={r.timeline} />
          <ActionButton className='btn btn--ghost' id={`feed-open-${r.id}`} aria-label={`查看与分享：${r.categoryName}`}
            onClick={() => Taro.navigateTo({ url: sharePath('report', r.id) })}>查看与分享</ActionButton>
        </View>
      ))}
      {s.nextCursor && <ActionButton className='btn btn--ghost' loading={s.more} disabled={s.more} onClick={more}>加载更多</ActionButton>}
    </View>
  )
}
