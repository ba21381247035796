/**
 * A figure with thousands separators: 12345 -> "12,345", 1200.5 with 2 digits -> "1,200.50".
 * Points balances, counts and fund amounts grow past 9,999, where a bare 1250000 is hard to read:
 * on the phone and in the notices the server writes (publicity.completion.ts).
 * Grouped by hand, not toLocaleString('zh-CN'): an engine without Intl (a mini-program runtime may
 * lack it) ignores the locale and formats as it likes; this gives the same text everywhere.
 */
export function formatNumber(n: number, digits = 0): string {
  const [whole, frac] = Math.abs(n).toFixed(digits).split('.')
  const sign = n < 0 && /[1-9]/.test(whole + (frac ?? '')) ? '-' : ''
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${frac ? `.${frac}` : ''}`
}
