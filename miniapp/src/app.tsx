import './zod-setup'
import { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { setUnauthorizedHandler } from './api/client'
import { routes } from './routes'
import { installPrivacyHandler } from './privacy'
import './app.css'

function App({ children }: PropsWithChildren<any>) {
  useLaunch(() => {
    installPrivacyHandler()
    setUnauthorizedHandler(() => {
      Taro.showToast({ title: '登录已过期，请重新登录', icon: 'none' })
    })
    void routes
    if (process.env.TARO_ENV === 'h5') keepTabLinksInPage()
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

export default App
