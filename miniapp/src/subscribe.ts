// WeChat 订阅消息, asked at the natural moments only: 提交上报, on a poll (提醒我 / 投票), 提出异议.
// Everything also reaches the in-app 消息 list; a subscription only lets WeChat deliver it too.
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { NotificationKind, SubscribeTemplate, SubscriptionAnswer } from '@linli/shared'
import { getSubscribeTemplates, sendSubscriptionAnswers } from './api/notifications'
import { isLoggedIn } from './api/tokens'

export type SubscribeMoment = 'report_filed' | 'poll' | 'objection'

/** what each moment is about: the notifications the user then wants to hear of */
const MOMENT_KINDS: Record<SubscribeMoment, NotificationKind[]> = {
  report_filed: ['report_accepted', 'report_dispatched', 'report_resolved', 'report_rejected'],
  poll: ['poll_opened', 'poll_closing'],
  objection: ['objection_answered'],
}
/** WeChat takes at most three templates a call */
const MAX_PER_ASK = 3
/** template id -> 'reject' | 'ban', kept on the phone: a refused template is never asked for again */
export const REFUSED_KEY = 'linli.subscribe.refused'
/** answers the server has not taken yet (no network at the time), sent with the next prepare */
export const PENDING_KEY = 'linli.subscribe.pending'

type Refused = Record<string, 'reject' | 'ban'>
type Pending = { answerId: string; results: Record<string, SubscriptionAnswer> }[]

function read<T>(key: string, empty: T): T {
  try { return (Taro.getStorageSync(key) as T) || empty } catch { return empty }
}

/** a v4 uuid: the server counts a re-sent answer once by it (no crypto.randomUUID in a mini-program) */
function newAnswerId(): string {
  const h = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16))
  h[12] = '4'
  h[16] = ((parseInt(h[16], 16) & 3) | 8).toString(16)
  const s = h.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

export function createSubscriptions() {
  let templates: SubscribeTemplate[] | null = null
  let loading: Promise<void> | null = null
  const asked = new Set<string>()

  const active = () => process.env.TARO_ENV === 'weapp' && isLoggedIn()

  async function flushPending(): Promise<void> {
    const pending = read<Pending>(PENDING_KEY, [])
    if (pending.length === 0) return
    const left: Pending = []
    for (const p of pending) await sendSubscriptionAnswers(p).catch(() => { left.push(p) })
    Taro.setStorageSync(PENDING_KEY, left)
  }

  function record(ids: string[], res: Record<string, unknown>): void {
    const results: Record<string, SubscriptionAnswer> = {}
    const refused = read<Refused>(REFUSED_KEY, {})
    for (const id of ids) {
      const a = res[id]
      if (a !== 'accept' && a !== 'reject' && a !== 'ban' && a !== 'filter') continue
      results[id] = a
      if (a === 'reject' || a === 'ban') refused[id] = a
    }
    Taro.setStorageSync(REFUSED_KEY, refused)
    if (Object.keys(results).length === 0) return
    const answer = { answerId: newAnswerId(), results }
    sendSubscriptionAnswers(answer)
      .then((r) => { if (r.configured) templates = r.templates })
      .catch(() => Taro.setStorageSync(PENDING_KEY, [...read<Pending>(PENDING_KEY, []), answer]))
  }

  /** the templates this moment would ask for now: configured, about the moment, never refused */
  function askable(moment: SubscribeMoment): string[] {
    if (!templates) return []
    const refused = read<Refused>(REFUSED_KEY, {})
    return templates
      .filter((t) => t.kinds.some((k) => MOMENT_KINDS[moment].includes(k)))
      .filter((t) => !refused[t.templateId] && t.lastAnswer !== 'reject' && t.lastAnswer !== 'ban')
      .map((t) => t.templateId)
      .slice(0, MAX_PER_ASK)
  }

  return {
    /**
     * Reads the configured templates once per app run, when a page with a moment shows: WeChat opens
     * its dialog only from inside a tap, so the ids must be at hand before it. H5 has no such dialog.
     */
    prepare(): Promise<void> {
      if (!active()) return Promise.resolve()
      void flushPending().catch(() => undefined)
      if (!loading) {
        loading = getSubscribeTemplates()
          .then((r) => { templates = r.configured ? r.templates : [] })
          .catch(() => { loading = null })
      }
      return loading
    },

    /** whether this moment (e.g. the 提醒我 button) has anything to ask for */
    canAsk(moment: SubscribeMoment, occasion: string): boolean {
      return active() && !asked.has(`${moment}:${occasion}`) && askable(moment).length > 0
    },

    /**
     * Call in the tap handler of the moment, before any await. Asks at most once per occasion (one
     * report draft, one poll, one board post), and never for a refused template; the answers go to
     * the server. Settles once the user has answered WeChat's dialog (at once when nothing is asked),
     * so a page can go on after it rather than navigate away under it.
     */
    ask(moment: SubscribeMoment, occasion: string): Promise<void> {
      if (!active()) return Promise.resolve()
      const key = `${moment}:${occasion}`
      const ids = askable(moment)
      if (asked.has(key) || ids.length === 0) return Promise.resolve()
      asked.add(key)
      return Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option)
        .then((res) => record(ids, res as unknown as Record<string, unknown>))
        .catch(() => undefined)
    },
  }
}

/** the app's one instance */
export const subscriptions = createSubscriptions()

/** Prepares on mount and renders again once the templates are at hand (for a 提醒我 button). */
export function useSubscriptionsReady(): boolean {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    let live = true
    void subscriptions.prepare().then(() => { if (live) setReady(true) })
    return () => { live = false }
  }, [])
  return ready
}
