import { View, Text } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import type { FigureGroup } from '../figures'
import { openFigure } from '../navigation'

/** The figures, grouped; a figure with lists behind it opens them when tapped. */
export default function KpiGrid({ groups }: { groups: FigureGroup[] }) {
  return (
    <View id='stats-kpis'>
      {groups.map((g) => (
        <View className='card' key={g.key} id={`stats-group-${g.key}`}>
          <View role='heading' aria-level={2} className='card__title'><Text>{g.title}</Text></View>
          <View className='stats-kpis'>
            {g.figures.map((f) => {
              const body = (
                <>
                  <Text className='stats-kpi__label'>{f.label}</Text>
                  <Text className={`stats-kpi__value${f.alert ? ' stats-kpi__value--alert' : ''}`} id={`kpi-${f.key}-value`}>{f.value}</Text>
                  {f.sub && <Text className='stats-kpi__sub'>{f.sub}</Text>}
                  {f.behind.length > 0 && <Text className='stats-kpi__more'>查看明细 ›</Text>}
                </>
              )
              return f.behind.length > 0 ? (
                <ActionButton key={f.key} id={`kpi-${f.key}`} className='stats-kpi stats-kpi--tap'
                  onClick={() => openFigure(f)}>{body}</ActionButton>
              ) : (
                <View key={f.key} id={`kpi-${f.key}`} className='stats-kpi'>{body}</View>
              )
            })}
          </View>
        </View>
      ))}
    </View>
  )
}
