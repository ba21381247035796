/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

/** injected by defineConstants in config/index.ts ('' = same origin) */
declare const API_BASE: string
/** whether the development login (POST /auth/dev) is offered */
declare const DEV_LOGIN: boolean

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    TARO_APP_API_BASE?: string
  }
}
