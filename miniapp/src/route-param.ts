/**
 * A page's query value as the person typed it. H5 hands router params over still URL-encoded
 * (the 挂牌督办 title read `%E5%B9%B8…`); weapp already decoded. A stray `%` stays as it is.
 */
export function routeParam(v: string | undefined): string {
  if (!v) return ''
  try { return decodeURIComponent(v) } catch { return v }
}
