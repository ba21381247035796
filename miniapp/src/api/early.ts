// H5: index.html's inline script (config/page-preload.ts) starts the page's first GETs with the
// stored token while the scripts download. The first matching request takes each answer over.
interface EarlyCall { url: string; token: string; res: Promise<{ statusCode: number; data: unknown }>; at: number }

// an answer the first page did not take (议事 opened on 议题, 公示 with a filter) is not handed to a
// later visit: by then it may be out of date
const FRESH_MS = 15_000

/** The early answer for this GET, once; null when there is none, it failed or was not a 200. */
export async function takeEarly(url: string, token: string | null): Promise<{ statusCode: number; data: unknown } | null> {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null
  const calls = (window as unknown as { __linliEarly?: EarlyCall[] }).__linliEarly
  const i = Array.isArray(calls) ? calls.findIndex((c) => c.url === url && c.token === token) : -1
  if (i < 0) return null
  const [early] = calls!.splice(i, 1)
  if (!(Date.now() - early.at < FRESH_MS)) return null
  // anything but a 200 (an expired token, a network error) is asked again the usual way
  const res = await early.res.catch(() => null)
  return res?.statusCode === 200 ? res : null
}
