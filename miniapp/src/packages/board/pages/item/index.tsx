import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Steps, Step } from '@nutui/nutui-react-taro'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { isRatable, RatingLabel, TrackedItemStatusLabel } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState } from '../../../../components/state-view'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getMe } from '../../../../api/auth'
import { isLoggedIn } from '../../../../api/tokens'
import { fenToYuan, getItem, type TrackedItemT } from '../../../../api/publicity'
import { formatDateTime } from '../../../../format'
import { routes, withQuery } from '../../../../routes'
import { sharePath, useShare } from '../../../../share'
import LoginPrompt from '../../../../components/login-prompt'
import ShareButton from '../../../../components/share-button'
import { abs } from '../../../../components/photos'
import { Money, StatusLine } from '../../components/item-card'
import { CompleteForm, CostForm, EvaluateForm, ProgressForm, RatingForm } from '../../components/item-forms'
import Photos from '../../../../components/photos'
import { standingIn, type Standing } from '../../scope'
import '../../board.css'
import InfoRow from '../../../../components/info-row'

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; item: TrackedItemT; standing: Standing }
type Entry = TrackedItemT['timeline'][number]

function entryTitle(e: Entry): string {
  if (e.kind === 'created') return '登记'
  if (e.kind === 'cost') return '登记费用'
  if (e.toStatus === 'completed') return '完工'
  if (e.toStatus) return `进展（${TrackedItemStatusLabel[e.toStatus]}）`
  return '进展'
}

export default function TrackedItemDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [s, setS] = useState<State>({ status: 'loading' })

  const load = useCallback(() => {
    if (!isLoggedIn()) { setS({ status: 'anonymous' }); return }
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    Promise.all([getItem(id), getMe().catch(() => null)])
      .then(async ([item, me]) => setS({ status: 'ready', item, standing: await standingIn(item.unitId, me) }))
      .catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [id])
  useDidShow(load)
  const photo = s.status === 'ready' ? s.item.beforePhotos[0] : undefined
  useShare({ kind: 'item', id, title: s.status === 'ready' ? s.item.title : undefined, imageUrl: photo && abs(photo.url) })

  if (s.status === 'anonymous') {
    return <View className='page'><LoginPrompt text='这是社区正在跟踪落实的事项。登录后可以查看进展、费用和照片。' returnTo={{ url: sharePath('item', id) }} /></View>
  }
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  const { item, standing } = s
  const updated = (next: TrackedItemT) => setS({ status: 'ready', item: next, standing })
  const worker = ['community_admin', 'grid_worker', 'courtyard_head'].some((r) => standing.roles.has(r))
  const open = item.status === 'planned' || item.status === 'in_progress'
  const r = item.ratings

  return (
    <View className='page board'>
      <View role='heading' aria-level={1} className='h1'><Text id='item-title'>{item.title}</Text></View>
      {params.created === '1' && (
        <View className='card' id='item-created'>
          <Text className='card__title'>登记成功</Text>
          <Text className='muted'>施工中请随时更新进度、登记费用；完工后结果会自动公示。</Text>
        </View>
      )}
      <View className='card' id='item-facts'>
        <StatusLine item={item} />
        <InfoRow label='单元' value={item.unitName} />
        {item.location && <InfoRow label='地点' value={item.location} />}
        <InfoRow label='责任人' value={item.responsible} />
        <InfoRow label='资金来源' value={item.fundSourceLabel} id='item-fund' />
        {(item.plannedStart || item.plannedEnd) && <InfoRow label='计划' value={`${item.plannedStart ?? '—'} 至 ${item.plannedEnd ?? '—'}`} />}
        {item.completedAt && <InfoRow label='完工时间' value={formatDateTime(item.completedAt)} />}
        {item.repair && (
          <>
            {item.repair.meetingRef && <InfoRow label='议定会议' value={item.repair.meetingRef} />}
            <InfoRow label='举手表决' id='item-hands'
              value={`同意 ${item.repair.showOfHands.for} · 反对 ${item.repair.showOfHands.against} · 弃权 ${item.repair.showOfHands.abstain}`} />
          </>
        )}
        <Money budgetFen={item.budgetFen} spentFen={item.spentFen} id='item-money' />
        {item.description && <Text className='board__body'>{item.description}</Text>}
        <Photos photos={item.beforePhotos} title='维修前照片' />
        {item.boardPostId && (
          <ActionButton className='btn btn--ghost' id='item-post'
            onClick={() => Taro.navigateTo({ url: withQuery(routes.boardPost, { id: item.boardPostId! }) })}>查看完工公示及异议</ActionButton>
        )}
      </View>

      <View className='card' id='item-timeline'>
        <Text className='card__title'>进展</Text>
        {/* NutUI Steps, vertical: every entry done, the latest one current */}
        <Steps direction='vertical' type='dot' value={item.timeline.length}>
          {item.timeline.map((e, i) => (
            <Step key={e.id} value={i + 1} className='timeline__entry'
              title={<Text className='timeline__what'>{entryTitle(e)}{e.progress !== null && e.kind !== 'cost' ? ` · ${e.progress}%` : ''}</Text>}
              description={
                <View id={`timeline-${e.id}`}>
                  <Text className='timeline__meta'>{formatDateTime(e.at)}</Text>
                  {e.note && <Text className='timeline__note'>{e.note}</Text>}
                  <Photos photos={e.photos} title={e.toStatus === 'completed' ? '完工照片' : undefined} />
                </View>
              } />
          ))}
        </Steps>
      </View>

      <View className='card' id='item-costs'>
        <Text className='card__title'>费用明细</Text>
        {item.costs.length === 0 && <Text className='muted'>还没有登记费用。</Text>}
        {item.costs.map((c) => (
          <View key={c.id} className='board__objection'>
            <View className='row'><Text className='row__label'>{c.description}</Text><Text className='row__value'>{fenToYuan(c.amountFen)}</Text></View>
            <Text className='timeline__meta'>{formatDateTime(c.at)}</Text>
            <Photos photos={c.receiptPhotos} title='票据' />
          </View>
        ))}
        <InfoRow label='合计' value={`${fenToYuan(item.spentFen)}（预算 ${fenToYuan(item.budgetFen)}）`} id='item-costs-total' />
        {item.overspent && <Text className='board__warn' id='item-overspent'>超出预算 {fenToYuan(item.spentFen - item.budgetFen)}</Text>}
      </View>

      {isRatable(item.status) && (
        <View className='card' id='item-ratings'>
          <Text className='card__title'>满意度（{r.total} 户评价）</Text>
          <Text className='muted'>{RatingLabel.satisfied} {r.satisfied} · {RatingLabel.basically_satisfied} {r.basically_satisfied} · {RatingLabel.dissatisfied} {r.dissatisfied}</Text>
          {r.mine && <Text className='hint' id='item-rated'>您家已评价：{RatingLabel[r.mine]}</Text>}
        </View>
      )}
      {isRatable(item.status) && standing.resident && !r.mine && <RatingForm item={item} onDone={load} />}

      {worker && open && <ProgressForm item={item} onDone={updated} />}
      {worker && item.status !== 'evaluated' && <CostForm item={item} onDone={updated} />}
      {worker && open && <CompleteForm item={item} onDone={updated} />}
      {item.status === 'completed' && standing.roles.has('community_admin') && <EvaluateForm item={item} onDone={updated} />}
      <ShareButton card={{ kind: 'item', id: item.id, title: item.title }} />
    </View>
  )
}
