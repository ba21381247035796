import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { hooks } from '@tarojs/shared'

/**
 * 长辈模式: larger text and touch targets everywhere, and a simpler home.
 * The choice is kept per device; until a person chooses, it follows WeChat's own 字体大小
 * setting where the platform reports it (a user who already enlarged WeChat's text gets it).
 */
const KEY = 'linli.elder'
const CHANGED = 'linli:elder-changed'

/** WeChat reports its font setting as a scale factor (1 = 标准) and as px (17 on 标准). */
export function systemAsksLargeText(): boolean {
  try {
    const info = (typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as {
      fontSizeScaleFactor?: number; fontSizeSetting?: number
    }
    if (typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor >= 1.15) return true
    return typeof info.fontSizeSetting === 'number' && info.fontSizeSetting >= 20
  } catch {
    return false
  }
}

export function isElder(): boolean {
  const choice: unknown = Taro.getStorageSync(KEY)
  if (choice === 'on') return true
  if (choice === 'off') return false
  return systemAsksLargeText()
}

/**
 * H5: the class `elder` on <html>; app.css gives it --text-scale, which index.html's root-size
 * script multiplies into the root font size, so every page (all sizes are rem) grows at once.
 */
export function applyElder(on: boolean = isElder()): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  document.documentElement.classList.toggle('elder', on)
  window.dispatchEvent(new Event('resize'))
}

/**
 * weapp: each page template opens with `<page-meta page-style="{{linliElder}}">` and every rpx size
 * people read or tap is multiplied by --text-scale (config/weapp-elder.ts). Here each page gets
 * its `linliElder` when it loads and shows, and the open pages get it when the switch changes.
 */
const PAGE_KEY = 'linliElder'
export const elderPageStyle = (on: boolean): string => (on ? '--text-scale: 1.25;' : '')

type MiniPage = { setData: (data: Record<string, unknown>) => void }
type PageObject = Record<string, unknown> & { onLoad?: (...a: unknown[]) => unknown; onShow?: (...a: unknown[]) => unknown }

/** Called once before any page registers (app.tsx): every Page() Taro builds follows the mode. */
export function followElderOnWeappPages(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  const follow = (page: MiniPage) => page.setData({ [PAGE_KEY]: elderPageStyle(isElder()) })
  hooks.tap('modifyPageObject', (config: PageObject) => {
    for (const life of ['onLoad', 'onShow'] as const) {
      const taro = config[life]
      config[life] = function (this: MiniPage, ...args: unknown[]) {
        follow(this)
        return taro?.apply(this, args)
      }
    }
  })
  Taro.eventCenter.on(CHANGED, () => { for (const page of Taro.getCurrentPages()) follow(page as unknown as MiniPage) })
}

export function setElder(on: boolean): void {
  Taro.setStorageSync(KEY, on ? 'on' : 'off')
  applyElder(on)
  Taro.eventCenter.trigger(CHANGED, on)
}

/** The current mode, updated when the switch in 我的 changes it. */
export function useElder(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(isElder)
  useEffect(() => {
    const follow = (v: boolean) => setOn(v)
    Taro.eventCenter.on(CHANGED, follow)
    return () => { Taro.eventCenter.off(CHANGED, follow) }
  }, [])
  return [on, setElder]
}
