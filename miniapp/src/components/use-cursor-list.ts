import { useCallback, useEffect, useState } from 'react'
import { errorMessage, loadFailure } from '../api/client'
import type { FailureKind } from '../api/client'

export type CursorListState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  /** more: 'idle', 'loading', or the message of a failed 加载更多 */
  | { status: 'ready'; items: T[]; nextCursor: string | null; more: 'idle' | 'loading' | string }

/**
 * A list read page by page with a cursor: the first page on mount and whenever `refresh`
 * changes (a reload keeps the items on screen), more pages on demand, errors as messages.
 */
export function useCursorList<T>(fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>, refresh: unknown) {
  const [state, setState] = useState<CursorListState<T>>({ status: 'loading' })
  // fetchPage is a new function on every render of the caller: the list reloads when `refresh` changes, not then
  const load = useCallback(async () => {
    setState((x) => (x.status === 'ready' ? x : { status: 'loading' }))
    try {
      const page = await fetchPage()
      setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, more: 'idle' })
    } catch (e) {
      setState({ status: 'error', ...loadFailure(e) })
    }
  }, [refresh])
  useEffect(() => { void load() }, [load])

  const loadMore = async () => {
    if (state.status !== 'ready' || !state.nextCursor) return
    setState({ ...state, more: 'loading' })
    try {
      const page = await fetchPage(state.nextCursor)
      setState({ status: 'ready', items: [...state.items, ...page.items], nextCursor: page.nextCursor, more: 'idle' })
    } catch (e) {
      setState({ ...state, more: errorMessage(e) })
    }
  }

  return { state, setState, load, loadMore }
}
