import { View, Text } from '@tarojs/components'
import type { ReportState } from '@linli/shared'
import { formatDateTime } from '../../../format'
import { timelineLabel } from '../report-text'

export interface Entry { action: string; toStatus?: ReportState | null; status?: ReportState | null; note?: string | null; actorName?: string | null; at: string }

/** the report's history, oldest first */
export default function Timeline({ entries, id }: { entries: Entry[]; id?: string }) {
  return (
    <View className='timeline' id={id}>
      {entries.map((e, i) => (
        <View className='timeline__entry' key={i}>
          <Text className='timeline__what'>{timelineLabel(e.action, e.toStatus ?? e.status ?? null)}</Text>
          <Text className='timeline__meta'>{formatDateTime(e.at)}{e.actorName ? ` · ${e.actorName}` : ''}</Text>
          {e.note && <Text className='timeline__note'>{e.note}</Text>}
        </View>
      ))}
    </View>
  )
}
