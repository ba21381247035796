// H5 build only (h5-bundle.ts puts this module in place of `@tarojs/components/dist/components`
// where Taro's router imports it). The router defines its tab bar, a Stencil web component, before
// the first page renders: Stencil's runtime (~150 KB) sat in the initial scripts for a bar of
// five links. Here the tab bar comes in a chunk of its own, fetched once the page is shown; the
// router's <taro-tabbar> element (created right after this call) is upgraded when it arrives.
// What the tab bar answers through Taro's event center (switchTab, the red dot on 我的 ...) is held
// until it listens, then handed to it with the caller's own success/fail callbacks.
import Taro from '@tarojs/taro'

const EVENTS = ['__taroSwitchTab', '__taroSetTabBarBadge', '__taroRemoveTabBarBadge',
  '__taroShowTabBarRedDotHandler', '__taroHideTabBarRedDotHandler', '__taroShowTabBar',
  '__taroHideTabBar', '__taroSetTabBarStyle', '__taroSetTabBarItem']

const later = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export function defineCustomElementTaroTabbar() {
  const held = []
  const holders = EVENTS.map((name) => {
    const hold = (arg) => { held.push([name, arg]) }
    Taro.eventCenter.on(name, hold)
    return [name, hold]
  })
  const handOver = () => {
    for (const [name, hold] of holders) Taro.eventCenter.off(name, hold)
    for (const [name, arg] of held) Taro.eventCenter.trigger(name, arg)
  }
  const load = () => import(/* webpackChunkName: "tabbar" */ '@tarojs/components/dist/components/taro-tabbar.js')
    .then(async ({ defineCustomElement }) => {
      // the router set `conf` on the element while it was a plain one; the upgrade's constructor
      // would overwrite that own property with undefined, so it is handed over through the setter
      const bar = document.querySelector('taro-tabbar')
      const conf = bar && bar.conf
      if (bar) delete bar.conf
      defineCustomElement()
      if (bar) bar.conf = conf
      // it listens from its componentDidLoad, which runs in the task that first renders its items
      for (let i = 0; i < 200 && !document.querySelector('taro-tabbar .weui-tabbar'); i++) await later(25)
      await later(0)
    })
    .then(handOver, handOver)
  // after the first page is on screen (its scripts and first render come first), or 3 s at most
  let started = false
  const start = () => {
    if (started) return
    started = true
    Taro.eventCenter.off('__afterTaroRouterChange', start)
    void load()
  }
  Taro.eventCenter.on('__afterTaroRouterChange', start)
  setTimeout(start, 3000)
  Promise.resolve().then(showTitleBarOnTab)
}

/**
 * Taro shows its title bar only after the first page has rendered, which pushed that page down
 * by the bar's height (a layout shift). A tab page always has the bar (navigationStyle default),
 * so on one it is shown at once, as soon as the router has made it (right after this module's
 * call); Taro fills in the title and colours when the page loads.
 */
function showTitleBarOnTab() {
  const nav = document.getElementById('taro-navigation-bar')
  const bar = document.querySelector('taro-tabbar')
  const route = location.hash.replace(/^#\/?/, '').split('?')[0]
  const tabs = ((bar && bar.conf && bar.conf.list) || []).map((item) => item.pagePath.replace(/^\//, ''))
  if (nav && (route === '' || tabs.includes(route))) nav.classList.add('taro-navigation-bar-show')
}
