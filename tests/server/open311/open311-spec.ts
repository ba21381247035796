/**
 * Open311 GeoReport v2, as the spec writes it (https://wiki.open311.org/GeoReport_v2): the
 * fields of each answer, and a small strict XML reader to check the .xml answers against them.
 */

/** GET Service List: one <service> / object */
export const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'] as const

/** GET Service Requests and GET Service Request: one <request> / object */
export const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
  'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode',
  'lat', 'long', 'media_url',
] as const

/** POST Service Request: the spec answers service_request_id or token, with service_notice and account_id */
export const POST_FIELDS = ['service_request_id', 'token', 'service_notice', 'account_id'] as const

/** Errors: <errors><error><code/><description/></error></errors> */
export const ERROR_FIELDS = ['code', 'description'] as const

/** The spec's list element and its item element, per answer. */
export const XML_ROOTS = { services: 'service', service_requests: 'request', errors: 'error' } as const

export interface XmlElement { name: string; children: XmlElement[]; text: string }

const NAME = /^[A-Za-z_][\w.-]*$/
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(raw: string): string {
  if (/[<]/.test(raw)) throw new Error(`stray '<' in text: ${raw.slice(0, 40)}`)
  return raw.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`bare '&' in text: ${raw.slice(0, 40)}`)
    if (name in ENTITIES) return ENTITIES[name]
    const num = /^#x([0-9a-f]+)$/i.exec(name) ?? /^#(\d+)$/.exec(name)
    if (num) return String.fromCodePoint(parseInt(num[1], name[1] === 'x' ? 16 : 10))
    throw new Error(`unknown entity &${name};`)
  })
}

/**
 * A strict reader for the documents this API writes: an XML declaration, then one root of
 * elements without attributes, holding elements or text. Throws on anything not well formed
 * (unclosed or crossed tags, bad names, stray '<' or '&', text outside the root, control characters).
 */
export function parseXml(xml: string): XmlElement {
  const decl = /^<\?xml version="1\.0" encoding="utf-8"\?>/.exec(xml)
  if (!decl) throw new Error('missing <?xml version="1.0" encoding="utf-8"?>')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)) throw new Error('control character in XML')
  const tokens = xml.slice(decl[0].length).split(/(<[^>]*>)/).filter((s) => s !== '')
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  for (const tok of tokens) {
    if (!tok.startsWith('<')) {
      if (tok.includes('>') && !/^[^>]*$/.test(tok)) throw new Error('stray >')
      if (stack.length === 0) { if (tok.trim()) throw new Error('text outside the root'); continue }
      stack[stack.length - 1].text += decode(tok)
      continue
    }
    const closing = /^<\/([^\s>]+)>$/.exec(tok)
    const selfClosing = /^<([^\s/>]+)\/>$/.exec(tok)
    const opening = /^<([^\s/>]+)>$/.exec(tok)
    const name = (closing ?? selfClosing ?? opening)?.[1]
    if (!name || !NAME.test(name)) throw new Error(`bad tag ${tok}`)
    if (closing) {
      const open = stack.pop()
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`)
      if (stack.length === 0) root = open
      continue
    }
    if (stack.length === 0 && root) throw new Error('second root element')
    const el: XmlElement = { name, children: [], text: '' }
    if (stack.length) stack[stack.length - 1].children.push(el)
    if (selfClosing) { if (stack.length === 0) root = el } else stack.push(el)
  }
  if (stack.length || !root) throw new Error(`unclosed <${stack[stack.length - 1]?.name ?? '?'}>`)
  return root
}

/** The items of a spec list document: each a map of its child elements' names to their text. */
export function xmlItems(xml: string, list: keyof typeof XML_ROOTS): Record<string, string>[] {
  const root = parseXml(xml)
  if (root.name !== list) throw new Error(`root <${root.name}>, expected <${list}>`)
  return root.children.map((item) => {
    if (item.name !== XML_ROOTS[list]) throw new Error(`<${item.name}> in <${list}>`)
    const o: Record<string, string> = {}
    for (const c of item.children) {
      if (c.children.length) throw new Error(`<${c.name}> is not a leaf`)
      if (c.name in o) throw new Error(`<${c.name}> twice`)
      o[c.name] = c.text
    }
    return o
  })
}
