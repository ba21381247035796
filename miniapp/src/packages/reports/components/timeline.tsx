import { View, Text } from '@tarojs/components'
import { Steps, Step } from '@nutui/nutui-react-taro'
import type { ReportState } from '@linli/shared'
import { formatDateTime } from '../../../format'
import { timelineLabel } from '../report-text'

export interface Entry { action: string; toStatus?: ReportState | null; status?: ReportState | null; note?: string | null; actorName?: string | null; at: string }

/** the report's history, oldest first */
export default function Timeline({ entries, id }: { entries: Entry[]; id?: string }) {
  return (
    <View className='timeline' id={id}>
      {/* NutUI Steps, vertical: each step done, the latest one current */}
      <Steps direction='vertical' type='dot' value={entries.length}>
        {entries.map((e, i) => (
          <Step key={i} value={i + 1} className='timeline__entry'
            title={<Text className='timeline__what'>{timelineLabel(e.action, e.toStatus ?? e.status ?? null)}</Text>}
            description={
              <View>
                <Text className='timeline__meta'>{formatDateTime(e.at)}{e.actorName ? ` · ${e.actorName}` : ''}</Text>
                {e.note && <Text className='timeline__note'>{e.note}</Text>}
              </View>
            } />
        ))}
      </Steps>
    </View>
  )
}
