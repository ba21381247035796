import Taro from '@tarojs/taro'

const KEY = 'linli.tokens'

export interface Tokens {
  accessToken: string
  refreshToken: string
}

export function loadTokens(): Tokens | null {
  try {
    const t = Taro.getStorageSync(KEY)
    return t && typeof t === 'object' && t.accessToken ? (t as Tokens) : null
  } catch {
    return null
  }
}

export function saveTokens(t: Tokens): void {
  Taro.setStorageSync(KEY, { accessToken: t.accessToken, refreshToken: t.refreshToken })
}

export function clearTokens(): void {
  Taro.removeStorageSync(KEY)
}

export function isLoggedIn(): boolean {
  return loadTokens() !== null
}
