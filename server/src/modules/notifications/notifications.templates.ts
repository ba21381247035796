import { z } from 'zod'
import { NotificationGroup, NotificationGroupKinds, NotificationKind, notificationGroupOf } from '@linli/shared'

/**
 * WeChat subscribe-message templates are chosen in the mini-program's admin console, so their
 * ids and keys are configuration: WECHAT_SUBSCRIBE_TEMPLATES is JSON keyed by a notification
 * group (report_progress, staff_work, poll, objection, order) or by a single kind (which wins
 * over its group), each `{ "templateId": "…", "fields": { "<wechat key>": "<our field>" } }`,
 * e.g. `{"report_progress":{"templateId":"AbC…","fields":{"thing1":"subject","phrase2":"status","time3":"time"}}}`.
 * Our fields are notify()'s `data` plus title, body and time.
 */
const WechatKey = z.string().regex(/^(thing|number|letter|symbol|character_string|time|date|amount|phone_number|car_number|name|phrase)\d+$/, 'not a WeChat template key (e.g. thing1, time2)')
export const TemplateSetting = z.object({
  templateId: z.string().trim().min(1).max(128),
  fields: z.record(WechatKey, z.string().min(1)).refine((f) => Object.keys(f).length > 0, 'a template needs at least one field'),
})
export type TemplateSetting = z.infer<typeof TemplateSetting>
const TemplateKey = z.union([NotificationGroup, NotificationKind])
export const SubscribeTemplatesSetting = z.string().default('{}').transform((text, ctx) => {
  if (text.trim() === '') return {} // set but empty: no templates, as unset
  try { return JSON.parse(text) as unknown } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' })
    return z.NEVER
  }
}).pipe(z.partialRecord(TemplateKey, TemplateSetting))
export type SubscribeTemplatesSetting = z.infer<typeof SubscribeTemplatesSetting>

/** The template a kind is sent with, and under which configured key; undefined when none is configured. */
export function templateFor(templates: SubscribeTemplatesSetting, kind: NotificationKind): { key: string; template: TemplateSetting } | undefined {
  const own = templates[kind]
  if (own) return { key: kind, template: own }
  const group = notificationGroupOf(kind)
  const shared = templates[group]
  return shared ? { key: group, template: shared } : undefined
}

/** The kinds each configured template carries (a kind with its own template leaves its group's). */
export function templateKinds(templates: SubscribeTemplatesSetting, key: string): NotificationKind[] {
  const kinds = (NotificationGroup.options as string[]).includes(key) ? NotificationGroupKinds[key as NotificationGroup] : [key as NotificationKind]
  return kinds.filter((k) => templateFor(templates, k)?.key === key)
}

/** WeChat's length limits per value type (characters); longer values make the send fail with 47003. */
const LIMITS: Record<string, number> = { thing: 20, number: 32, letter: 32, symbol: 5, character_string: 32, phone_number: 17, car_number: 8, name: 10, phrase: 5, amount: 11, time: 32, date: 32 }

/** Free text (thing, name) ends with … when cut; codes, numbers and phrases are cut plainly, since WeChat checks their characters. */
function cut(type: string, value: string): string {
  const max = LIMITS[type] ?? 20
  const chars = [...value.replace(/\s+/g, ' ').trim()]
  if (chars.length <= max) return chars.join('')
  return type === 'thing' || type === 'name' ? chars.slice(0, max - 1).join('') + '…' : chars.slice(0, max).join('')
}

/** Our data mapped to the template's keys, each cut to WeChat's limit (an empty value becomes '-': WeChat refuses empty ones). */
export function templateData(template: TemplateSetting, data: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(template.fields).map(([key, ours]) => [key, cut(key.replace(/\d+$/, ''), data[ours] ?? '') || '-']))
}
