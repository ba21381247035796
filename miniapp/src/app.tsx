import './zod-setup'
import './nutui-icons-weapp'
import { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { setUnauthorizedHandler } from './api/client'
import { routes } from './routes'
import { installPrivacyHandler } from './privacy'
import { applyElder, followElderOnWeappPages } from './elder'
import { nameFormControls } from './a11y-h5'
import './app.css'
import './nutui-theme.css'

// before any page registers: each weapp page takes the 长辈模式 scale when it loads and shows
followElderOnWeappPages()

function App({ children }: PropsWithChildren<any>) {
  useLaunch(() => {
    installPrivacyHandler()
    setUnauthorizedHandler(() => {
      Taro.showToast({ title: '登录已过期，请重新登录', icon: 'none' })
    })
    void routes
    if (process.env.TARO_ENV === 'h5') keepTabLinksInPage()
    if (process.env.TARO_ENV === 'h5') labelTitleBarButtons()
    if (process.env.TARO_ENV === 'h5') nameFormControls()
    applyElder()
  })
  return children
}

/**
 * H5: Taro's tab bar items are <a href="javascript:;"> whose own click handler switches the tab;
 * the browser's following of that href is what our CSP (no inline script) refuses and logs on every
 * tab tap. Cancelling only the default action keeps Taro's handler and ends the violation.
 */
function keepTabLinksInPage() {
  document.addEventListener('click', (e) => {
    const link = (e.target as Element | null)?.closest?.('a[href^="javascript:"]')
    if (link) e.preventDefault()
  }, true)
}

/**
 * H5: Taro's title bar draws its back arrow and home icon as bare <div>s (no role, no name, no
 * keyboard): name them and let Enter or Space press them, as WeChat's own bar can be used by TalkBack.
 */
function labelTitleBarButtons() {
  const bar = document.getElementById('taro-navigation-bar')
  if (!bar) return
  const name = (selector: string, label: string) => {
    const el = bar.querySelector<HTMLElement>(selector)
    if (!el) return
    el.setAttribute('role', 'button')
    el.setAttribute('aria-label', label)
    el.tabIndex = 0
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); el.click() }
    })
  }
  name('.taro-navigation-bar-back', '返回')
  name('.taro-navigation-bar-home', '回首页')
  bar.querySelector('.taro-navigation-bar-loading')?.setAttribute('aria-hidden', 'true')
}

export default App
