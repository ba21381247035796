import { Text } from '@tarojs/components'
import type { ReportState } from '@linli/shared'
import { statusLabel } from '../report-text'

export default function StatusTag({ status, id }: { status: ReportState; id?: string }) {
  return <Text className={`reports__status reports__status--${status}`} id={id}>{statusLabel(status)}</Text>
}
