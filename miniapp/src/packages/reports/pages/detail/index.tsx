import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState } from '../../../../components/state-view'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getMe, type MeT } from '../../../../api/auth'
import { getReport, type ReportT } from '../../../../api/reports'
import { isLoggedIn } from '../../../../api/tokens'
import { routes, withQuery } from '../../../../routes'
import LoginPrompt from '../../../../components/login-prompt'
import ReportView from '../../components/report-view'
import ReportActions from '../../components/report-actions'
import DispatchResponse from '../../components/dispatch-response'
import { actorRoles } from '../../roles'
import '../../reports.css'

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; report: ReportT; me: MeT | null }

export default function ReportDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(() => {
    if (!isLoggedIn()) { setS({ status: 'anonymous' }); return }
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    Promise.all([getReport(id), getMe().catch(() => null)])
      .then(([report, me]) => setS({ status: 'ready', report, me }))
      .catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [id])
  useDidShow(load)

  if (s.status === 'anonymous') {
    return <View className='page'><LoginPrompt text='上报详情只给上报人和处理的工作人员看。请登录后查看。' returnTo={{ url: withQuery(routes.reportDetail, { id }) }} /></View>
  }
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  const { report, me } = s
  const roles = actorRoles(me, report)
  return (
    <View className='page reports'>
      <View role='heading' aria-level={1} className='h1'><Text>上报详情</Text></View>
      {params.created === '1' && report.status === 'submitted' && (
        <View className='card' id='report-created'>
          <Text className='card__title'>上报成功</Text>
          <Text className='muted'>网格员会尽快受理，您可以在“随手拍 · 我的上报”查看进度。</Text>
        </View>
      )}
      <View className='card' id='report-detail'>
        <ReportView report={report} />
        {report.isMine && report.status === 'resolved' && (
          <Text className='hint' id='report-confirm-hint'>问题已办结，请确认处理结果；不满意可以退回重新处理。</Text>
        )}
        <ReportActions report={report} roles={roles} onChanged={(r) => setS({ status: 'ready', report: r, me })} />
        {me?.roles.some((r) => r.role === 'dept_staff') && report.status === 'dispatched' &&
          report.dispatches.map((d) => <DispatchResponse key={d.id} dispatch={d} onChanged={load} />)}
      </View>
      {(roles.length > 0) && report.status !== 'rejected' && report.status !== 'duplicate' && (
        // needs a collective decision: the reporter or a handler (the server checks the scope) raises a topic from it
        <ActionButton className='btn btn--ghost' id='report-to-topic' onClick={() => Taro.navigateTo({
          url: withQuery(routes.topicNew, { reportId: report.id, title: `${report.categoryName}：${report.description.slice(0, 40)}`, body: report.description.slice(0, 500) }),
        })}>转为议题</ActionButton>
      )}
      <ActionButton className='btn btn--ghost' onClick={() => Taro.switchTab({ url: routes.report })}>返回随手拍</ActionButton>
    </View>
  )
}
