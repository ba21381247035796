import { View, Text } from '@tarojs/components'
import type { ReportT } from '../../../api/reports'
import { formatDateTime } from '../../../format'
import Photos from '../../../components/photos'
import StatusTag from './status-tag'
import Timeline from './timeline'
import { ownWords } from '../report-text'
import PlaceLine from '../../../location/place-line'

/** a report for the reporter and staff: status, photos, dispatches, timeline */
export default function ReportView({ report, idPrefix = 'report' }: { report: ReportT; idPrefix?: string }) {
  const before = report.photos.filter((p) => p.kind === 'before')
  const after = report.photos.filter((p) => p.kind === 'after')
  return (
    <View>
      <View className='reports__item-head'>
        <Text className='card__title'>{report.categoryName}</Text>
        <View>
          <StatusTag status={report.status} id={`${idPrefix}-status`} />
          {report.overdue && <Text className='reports__overdue'>已超时</Text>}
        </View>
      </View>
      <Text className='reports__desc' id={`${idPrefix}-description`}>{ownWords(report)}</Text>
      {/* staff go there; the reporter knows where it is */}
      <PlaceLine report={report} id={`${idPrefix}-place`} navigate={!report.isMine} />
      <Text className='muted'>
        {report.unitName} · {formatDateTime(report.createdAt)}
        {report.supportCount > 0 ? ` · ${report.supportCount} 人也遇到` : ''}
      </Text>
      {report.rating && <Text className='hint' id={`${idPrefix}-rating`}>上报人评价：{report.rating}</Text>}
      {report.dueAt && ['accepted', 'in_progress', 'dispatched', 'reopened', 'submitted'].includes(report.status) && (
        <Text className='hint'>办理期限：{formatDateTime(report.dueAt)}</Text>
      )}
      <Photos photos={before} title='现场照片' />
      <Photos photos={after} title='处理后照片' />
      {report.dispatches.map((d) => (
        <View className='reports__panel' key={d.id}>
          <Text className='field__label'>派单：{d.departmentName}</Text>
          <Text className='muted'>
            期限 {formatDateTime(d.deadline)} · {d.delivery === 'sent' ? '已送达，待签收' : d.delivery === 'acknowledged' ? '部门已签收' : '部门已回复'}
          </Text>
          {d.reply && <Text className='timeline__note'>回复：{d.reply}</Text>}
        </View>
      ))}
      <Text className='field__label'>处理进度</Text>
      <Timeline entries={report.timeline} id={`${idPrefix}-timeline`} />
    </View>
  )
}
