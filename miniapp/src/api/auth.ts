import Taro from '@tarojs/taro'
import { Me, TokenPair, Ok } from '@linli/shared'
import { request } from './client'
import { clearTokens, loadTokens, saveTokens } from './tokens'

export type MeT = import('@linli/shared').Me

async function keep(pair: Promise<import('zod').infer<typeof TokenPair>>) {
  const p = await pair
  saveTokens(p)
  return p
}

/** weapp: exchange a wx.login code for a session */
export async function wechatLogin() {
  const { code } = await Taro.login()
  return keep(request('POST', '/auth/wechat', { body: { code }, schema: TokenPair, auth: false }))
}

export function devLogin(username: string, displayName?: string) {
  return keep(request('POST', '/auth/dev', { body: { username, displayName: displayName || undefined }, schema: TokenPair, auth: false }))
}

export function passwordLogin(username: string, password: string) {
  return keep(request('POST', '/auth/password', { body: { username, password }, schema: TokenPair, auth: false }))
}

export async function logout() {
  const t = loadTokens()
  clearTokens()
  if (t) {
    await request('POST', '/auth/logout', { body: { refreshToken: t.refreshToken }, schema: Ok, auth: false }).catch(() => undefined)
  }
}

export function getMe() {
  return request('GET', '/me', { schema: Me })
}

export function agreePrivacy() {
  return request('PATCH', '/me', { body: { agreePrivacy: true }, schema: Me })
}

export function updateDisplayName(displayName: string) {
  return request('PATCH', '/me', { body: { displayName }, schema: Me })
}
