import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { REPORT_LIMITS, ReportStatusLabel, type ReportState } from '@linli/shared'
import ActionButton from '../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../components/state-view'
import { handPhotos, pickCancelled, pickPaths } from '../../components/photo-picker'
import PrivacySheet from '../../components/privacy-sheet'
import { loadFailure } from '../../api/client'
import type { FailureKind } from '../../api/client'
import { isLoggedIn } from '../../api/tokens'
import { listMyReports, type ReportSummaryT } from '../../api/reports'
import { formatDateTime } from '../../format'
import { routes, withQuery } from '../../routes'
import { goLogin } from '../../return-to'
import './index.css'

type State =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'ready'; items: ReportSummaryT[] }

/** the main path a report takes, to show where mine stands */
const STEPS: { label: string; reached: ReportState[] }[] = [
  { label: '已提交', reached: ['submitted', 'accepted', 'in_progress', 'dispatched', 'resolved', 'confirmed', 'reopened', 'closed', 'rejected', 'duplicate'] },
  { label: '已受理', reached: ['accepted', 'in_progress', 'dispatched', 'resolved', 'confirmed', 'reopened', 'closed'] },
  { label: '处理中', reached: ['in_progress', 'dispatched', 'resolved', 'confirmed', 'closed'] },
  { label: '已办结', reached: ['resolved', 'confirmed', 'closed'] },
  { label: '已确认', reached: ['confirmed'] },
]

export function MyReport({ r }: { r: ReportSummaryT }) {
  const stopped = r.status === 'rejected' || r.status === 'duplicate'
  return (
    <View className='card report-tab__item' id={`my-report-${r.id}`}
      onClick={() => Taro.navigateTo({ url: withQuery(routes.reportDetail, { id: r.id }) })}>
      <View className='report-tab__item-head'>
        <Text className='report-tab__desc'>{r.description}</Text>
        <Text className={`report-tab__status report-tab__status--${r.status}`}>{ReportStatusLabel[r.status]}</Text>
      </View>
      <Text className='muted'>{formatDateTime(r.createdAt)}{r.supportCount > 0 ? ` · ${r.supportCount} 人也遇到` : ''}</Text>
      {!stopped && (
        <View className='report-tab__steps' aria-label={`进度：${ReportStatusLabel[r.status]}`}>
          {STEPS.map((s, i) => (
            <Text key={s.label} className={`report-tab__step ${s.reached.includes(r.status) ? 'report-tab__step--done' : ''}`}>
              {i > 0 ? '→ ' : ''}{s.label}
            </Text>
          ))}
        </View>
      )}
      {r.status === 'resolved' && <Text className='hint'>已办结，请点开确认处理结果</Text>}
    </View>
  )
}

export default function ReportTab() {
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(async () => {
    if (!isLoggedIn()) return setS({ status: 'anonymous' })
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    try {
      const r = await listMyReports()
      setS({ status: 'ready', items: r.items })
    } catch (e) {
      setS(isLoggedIn() ? { status: 'error', ...loadFailure(e) } : { status: 'anonymous' })
    }
  }, [])
  useDidShow(() => { load() })

  // 拍照上报: the camera opens at once (no 拍照/相册 question), the form follows with the photo uploading
  // and the location found by itself: a rider's four taps are 随手拍, 拍照上报, a category, 提交
  const [snapError, setSnapError] = useState('')
  const snap = async () => {
    setSnapError('')
    try {
      handPhotos(await pickPaths(REPORT_LIMITS.photosMax, ['camera']))
      await Taro.navigateTo({ url: routes.reportNew })
    } catch (e) {
      if (!pickCancelled(e)) setSnapError(e instanceof Error ? e.message : '无法打开相机，请检查权限后重试')
    }
  }
  usePullDownRefresh(() => { load().finally(() => Taro.stopPullDownRefresh()) })

  return (
    <View className='page report-tab'>
      <PrivacySheet />
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>随手拍</Text></View>
        <Text className='muted'>看到路灯不亮、垃圾堆放、井盖缺失等问题，拍张照片就能上报，网格员受理后全程可查进度。</Text>
        {s.status !== 'anonymous' && (
          <ActionButton className='btn report-tab__snap' id='report-snap' onClick={() => void snap()}>拍照上报</ActionButton>
        )}
        <FormError message={snapError} id='report-snap-error' />
        <ActionButton className={s.status === 'anonymous' ? 'btn' : 'btn btn--ghost'} id='report-new'
          onClick={() => (isLoggedIn() ? Taro.navigateTo({ url: routes.reportNew }) : goLogin({ url: routes.reportNew }))}>我要上报</ActionButton>
        <ActionButton className='btn btn--ghost' id='report-feed' onClick={() => Taro.navigateTo({ url: routes.reportFeed })}>看看大家的上报</ActionButton>
      </View>
      <View role='heading' aria-level={2} className='card__title'><Text>我的上报</Text></View>
      {s.status === 'loading' && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={load} />}
      {s.status === 'anonymous' && (
        <Empty title='登录后查看我的上报'>
          <ActionButton className='btn' id='report-login' onClick={() => goLogin({ url: routes.report })}>登录</ActionButton>
        </Empty>
      )}
      {s.status === 'ready' && s.items.length === 0 && <Empty title='您还没有上报过问题' text='发现身边的问题，点上面的“我要上报”。' />}
      {s.status === 'ready' && s.items.map((r) => <MyReport key={r.id} r={r} />)}
    </View>
  )
}
