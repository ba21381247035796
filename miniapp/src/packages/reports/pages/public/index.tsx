import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState } from '../../../../components/state-view'
import { abs, BeforeAfterPhotos } from '../../../../components/photos'
import ShareButton from '../../../../components/share-button'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getPublicReport, type PublicReportT } from '../../../../api/reports'
import { formatDateTime } from '../../../../format'
import { routes } from '../../../../routes'
import { useShare } from '../../../../share'
import StatusTag from '../../components/status-tag'
import Timeline from '../../components/timeline'
import '../../reports.css'
import { ownWords } from '../../report-text'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; report: PublicReportT }

/** One report of 大家的上报, as a shared card opens it: public, so no login; never who reported it. */
export default function PublicReport() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(() => {
    if (!id) { setS({ status: 'error', message: '缺少上报参数' }); return }
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    getPublicReport(id)
      .then((report) => setS({ status: 'ready', report }))
      .catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [id])
  useDidShow(load)
  const r = s.status === 'ready' ? s.report : null
  useShare({ kind: 'report', id, title: r ? [r.categoryName, ownWords(r)].filter(Boolean).join('：') : undefined, imageUrl: r?.photos[0] && abs(r.photos[0].url) })

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  const report = s.report
  return (
    <View className='page reports'>
      <View className='card' id='public-report'>
        <View className='reports__item-head'>
          <View role='heading' aria-level={1} className='card__title'><Text id='public-report-category'>{report.categoryName}</Text></View>
          <StatusTag status={report.status} />
        </View>
        <Text className='reports__desc' id='public-report-text'>{ownWords(report)}</Text>
        <Text className='muted'>{formatDateTime(report.createdAt)}{report.supportCount > 0 ? ` · ${report.supportCount} 人也遇到` : ''}</Text>
        <BeforeAfterPhotos photos={report.photos} id='public-report-photos' />
        <Timeline entries={report.timeline} />
        <Text className='hint'>为保护隐私，不显示上报人，位置只精确到约 100 米。</Text>
      </View>
      <ShareButton card={{ kind: 'report', id: report.id, title: [report.categoryName, ownWords(report)].filter(Boolean).join('：') }} />
      <ActionButton className='btn btn--ghost' onClick={() => Taro.switchTab({ url: routes.report })}>我也要随手拍</ActionButton>
    </View>
  )
}
