/**
 * GeoReport v2's XML: the same fields as the JSON, each list in its spec element
 * (<services><service>, <service_requests><request>, <errors><error>), null as an empty element.
 */
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
  // characters XML 1.0 cannot hold at all (our text is checked on input; this keeps the document well-formed regardless)
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`
  return `<${name}>${escape(String(value))}</${name}>`
}

export const XML_LISTS = { services: 'service', service_requests: 'request', errors: 'error' } as const

export function toXml(list: keyof typeof XML_LISTS, items: Record<string, unknown>[]): string {
  const item = XML_LISTS[list]
  const body = items.map((o) => `<${item}>${Object.entries(o).map(([k, v]) => element(k, v)).join('')}</${item}>`).join('')
  return `<?xml version="1.0" encoding="utf-8"?><${list}>${body}</${list}>`
}
