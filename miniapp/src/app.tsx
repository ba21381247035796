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
  })
  return children
}

export default App
