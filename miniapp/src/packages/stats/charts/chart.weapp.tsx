import { useEffect, useRef } from 'react'
import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { echarts, type ECharts } from './echarts'
import type { ChartProps } from './chart'

/**
 * What ECharts needs of a canvas (echarts.init takes any object with getContext, width and
 * height): WeChat's <canvas type="2d"> node, whose backing size ECharts sets by the pixel ratio.
 */
class MiniCanvas {
  constructor(private readonly node: { width: number; height: number; getContext: (t: '2d') => unknown }, private readonly ctx: unknown) {}
  getContext(type: string) { return type === '2d' ? this.ctx : null }
  get width() { return this.node.width }
  set width(w: number) { this.node.width = w }
  get height() { return this.node.height }
  set height(h: number) { this.node.height = h }
  // no DOM events in a mini-program; the charts are read, not touched
  addEventListener() {}
  removeEventListener() {}
  attachEvent() {}
  detachEvent() {}
}

/** Weapp: ECharts draws on a canvas 2d node found by its id once the page has rendered it. */
export default function Chart({ id, option, height, summary }: ChartProps) {
  const chart = useRef<ECharts | null>(null)
  const latest = useRef(option)
  latest.current = option
  useEffect(() => {
    let gone = false
    Taro.nextTick(() => {
      Taro.createSelectorQuery().select(`#${id}`).fields({ node: true, size: true }).exec((res) => {
        const r = res?.[0] as { node?: any; width: number; height: number } | undefined
        if (gone || !r?.node) return
        const ctx = r.node.getContext('2d')
        // Taro's document has no canvas: ECharts measures its labels with this canvas's context
        echarts.setPlatformAPI({
          measureText: (text: string, font?: string) => { ctx.font = font || '16px sans-serif'; return ctx.measureText(text) },
        })
        const dpr = Taro.getSystemInfoSync().pixelRatio || 2
        const c = echarts.init(new MiniCanvas(r.node, ctx) as unknown as HTMLCanvasElement, undefined, { width: r.width, height: r.height, devicePixelRatio: dpr })
        c.setOption(latest.current, true)
        chart.current = c
      })
    })
    return () => {
      gone = true
      chart.current?.dispose()
      chart.current = null
    }
  }, [id])
  useEffect(() => { chart.current?.setOption(option, true) }, [option])
  return (
    <View role='img' aria-label={summary}>
      <Canvas type='2d' id={id} className='stats-chart' style={{ width: '100%', height: `${height}px` }} />
    </View>
  )
}
