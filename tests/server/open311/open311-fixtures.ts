import type { TestApp } from '../../helpers/build-app'
import { bearer } from '../../helpers/factories'
import type { World } from '../reports/reports-fixtures'

/** A key issued through the API by the community's admin (the key is in the answer only). */
export async function issueKey(t: TestApp, w: World, body: Record<string, unknown> = { name: '12345 热线' }) {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/units/${w.org.community.id}/open311-keys`, headers: bearer(t.app, w.admin.id), payload: body })
  if (res.statusCode !== 201) throw new Error(`key: ${res.statusCode} ${res.body}`)
  return res.json() as { id: string; apiKey: string; reporterId: string; keyPrefix: string }
}

/** POST requests.{format} as the spec sends it: a form (or JSON when asked). */
export function postRequest(t: TestApp, fields: Record<string, string | number>, opts: { format?: 'json' | 'xml'; json?: boolean } = {}) {
  const url = `/open311/v2/requests.${opts.format ?? 'json'}`
  if (opts.json) return t.app.inject({ method: 'POST', url, payload: fields })
  return t.app.inject({
    method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString(),
  })
}

export async function filed(t: TestApp, fields: Record<string, string | number>): Promise<string> {
  t.clock.advance(60_000)
  const res = await postRequest(t, fields)
  if (res.statusCode !== 201) throw new Error(`POST requests.json: ${res.statusCode} ${res.body}`)
  return res.json()[0].service_request_id
}
