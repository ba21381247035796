// H5: index.html's inline script (config/page-preload.ts) starts the page's first GET with the
// stored token while the scripts download. The first matching request takes its answer over.
interface EarlyCall { url: string; token: string; res: Promise<{ statusCode: number; data: unknown }> }

/** The early answer for this GET, once; null when there is none, it failed or was not a 200. */
export async function takeEarly(url: string, token: string | null): Promise<{ statusCode: number; data: unknown } | null> {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null
  const w = window as unknown as { __linliEarly?: EarlyCall | null }
  const early = w.__linliEarly
  if (!early || early.url !== url || early.token !== token) return null
  w.__linliEarly = null
  // anything but a 200 (an expired token, a network error) is asked again the usual way
  const res = await early.res.catch(() => null)
  return res?.statusCode === 200 ? res : null
}
