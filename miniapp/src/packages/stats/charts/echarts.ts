// ECharts, tree-shaken to what the dashboard draws (bars, lines, a grid and a legend) on
// canvas. Only the stats subpackage imports this file, so Taro's optimizeMainPackage puts the
// library in the subpackage's sub-vendors.js and the weapp main package does not grow.
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, CanvasRenderer])

export { echarts }
export type { ECharts } from 'echarts/core'
