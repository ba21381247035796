import { useEffect, useRef, useState } from 'react'
import type { ECharts } from './echarts'
import type { ChartOption } from './trend-options'

export interface ChartProps {
  id: string
  option: ChartOption
  /** CSS px */
  height: number
  /** what the chart shows, in words: read by screen readers, and shown when it cannot be drawn */
  summary: string
}

/** a browser without a 2D canvas (or a test's jsdom) gets the summary in words instead */
function canvasWorks(): boolean {
  try {
    return !!document.createElement('canvas').getContext('2d')
  } catch {
    return false
  }
}

/**
 * H5: ECharts draws into a div of its own (it makes the canvas, follows the window's size). The
 * library is loaded on first use, one chunk for the dashboard and the 大屏 alike, so the figures
 * show before it arrives.
 */
export default function Chart({ id, option, height, summary }: ChartProps) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<ECharts | null>(null)
  const latest = useRef(option)
  latest.current = option
  const [drawable] = useState(canvasWorks)
  useEffect(() => {
    if (!drawable) return
    let gone = false
    const resize = () => chart.current?.resize()
    void import('./echarts').then(({ echarts }) => {
      if (gone || !box.current) return
      chart.current = echarts.init(box.current, undefined, { renderer: 'canvas' })
      chart.current.setOption(latest.current, true)
      window.addEventListener('resize', resize)
    })
    return () => {
      gone = true
      window.removeEventListener('resize', resize)
      chart.current?.dispose()
      chart.current = null
    }
  }, [drawable])
  useEffect(() => { chart.current?.setOption(option, true) }, [option])

  if (!drawable) return <p className='stats-chart__words' id={id}>{summary}</p>
  return <div className='stats-chart' id={id} ref={box} style={{ height }} role='img' aria-label={summary} />
}
