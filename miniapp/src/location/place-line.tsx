import { View, Text } from '@tarojs/components'
import ActionButton from '../components/action-button'
import { navigateTo, placeLabel } from './adapter'
import './location.css'

type Located = { placeName: string | null; address: string | null; unitName: string; gcj02: { lat: number; lng: number } }

/**
 * Where a report is, in words (the name picked on the map, the address, else the grid), and for
 * staff 导航: WeChat's map with its route button, or a map app's page in H5 — opened only on a tap.
 */
export default function PlaceLine({ report, id, navigate = false }: { report: Located; id: string; navigate?: boolean }) {
  const label = placeLabel(report)
  const go = () => void navigateTo({ gcj02: report.gcj02, name: report.placeName || report.address || report.unitName, address: report.address ?? undefined })
    .catch(() => undefined) // closing WeChat's map is not an error
  return (
    <View className='place__line' id={id}>
      <Text className='muted place__text' id={`${id}-text`}>地点：{label}</Text>
      {navigate && <ActionButton className='btn btn--small btn--ghost' id={`${id}-navigate`} aria-label={`导航到 ${label}`} onClick={go}>导航</ActionButton>}
    </View>
  )
}
