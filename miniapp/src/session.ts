import { useCallback, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { getMe, type MeT } from './api/auth'
import { loadFailure } from './api/client'
import type { FailureKind } from './api/client'
import { isLoggedIn } from './api/tokens'
import { routes } from './routes'
import { clearReturn, openWanted, pendingReturn } from './return-to'

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'ready'; me: MeT }

/** Loads /me each time the page is shown (the user may have bound a household meanwhile). */
export function useSession(): [SessionState, () => void] {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const load = useCallback(() => {
    if (!isLoggedIn()) {
      setState({ status: 'anonymous' })
      return
    }
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }))
    getMe()
      .then((me) => setState({ status: 'ready', me }))
      .catch((e) => setState(isLoggedIn() ? { status: 'error', ...loadFailure(e) } : { status: 'anonymous' }))
  }, [])
  useDidShow(load)
  return [state, load]
}

export function isStaff(me: MeT): boolean {
  return me.roles.length > 0
}

/**
 * After login: privacy first; then the page the user wanted before 请先登录 (return-to.ts), once
 * bound if that page needs a household; else the household binding (residents) or the workbench (staff).
 */
export function nextStepAfterLogin(me: MeT): void {
  const wanted = pendingReturn()
  if (!me.privacyAgreedAt) {
    Taro.redirectTo({ url: routes.privacy })
  } else if (wanted && !(wanted.needsHousehold && !me.household && !isStaff(me))) {
    clearReturn()
    openWanted(wanted.url)
  } else if (isStaff(me)) {
    Taro.redirectTo({ url: routes.staff })
  } else if (!me.household) {
    Taro.redirectTo({ url: routes.bind })
  } else {
    Taro.switchTab({ url: routes.mine })
  }
}
