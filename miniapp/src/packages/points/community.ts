import { useEffect, useState } from 'react'
import { getMe } from '../../api/auth'
import { loadFailure } from '../../api/client'
import type { FailureKind } from '../../api/client'
import { communityOf, getMyPoints } from '../../api/points'

export type CommunityState =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'none' }
  | { status: 'ready'; id: string; name: string }

/**
 * Which community's shop and board to show: the page's unitId if given, else the community of
 * my household, else the one I hold points in, else the one I work in.
 */
export async function resolveCommunity(unitId?: string): Promise<{ id: string; name: string } | null> {
  if (unitId) return communityOf(unitId)
  const me = await getMe()
  if (me.household) return communityOf(me.household.unitId)
  const mine = await getMyPoints()
  if (mine.accounts[0]) return { id: mine.accounts[0].communityId, name: mine.accounts[0].communityName }
  if (me.roles[0]) return communityOf(me.roles[0].unitId)
  return null
}

export function useCommunity(unitId?: string): [CommunityState, () => void] {
  const [state, setState] = useState<CommunityState>({ status: 'loading' })
  const [n, setN] = useState(0)
  useEffect(() => {
    let live = true
    setState({ status: 'loading' })
    resolveCommunity(unitId)
      .then((c) => { if (live) setState(c ? { status: 'ready', ...c } : { status: 'none' }) })
      .catch((e) => { if (live) setState({ status: 'error', ...loadFailure(e) }) })
    return () => { live = false }
  }, [unitId, n])
  return [state, () => setN((x) => x + 1)]
}

/** ledger source types as a resident reads them */
export const SourceLabel: Record<string, string> = {
  poll: '投票', report: '随手拍', award: '人工奖励', shop_order: '兑换订单', meeting: '议事会', volunteer: '志愿服务', correction: '更正',
  outreach_session: '院坝宣讲',
}

export function shanghaiYear(now = Date.now()): number {
  return new Date(now + 8 * 3600 * 1000).getUTCFullYear()
}
