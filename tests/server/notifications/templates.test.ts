import { loadConfig } from '../../../server/src/config'
import { templateData, templateFor, templateKinds } from '../../../server/src/modules/notifications/notifications.templates'

/** WECHAT_SUBSCRIBE_TEMPLATES: parsed once at start, mapped and cut per message. */
describe('subscribe template configuration', () => {
  const parse = (json: string) => loadConfig({ WECHAT_SUBSCRIBE_TEMPLATES: json }).WECHAT_SUBSCRIBE_TEMPLATES

  it('keys by group or by kind; a kind of its own wins over its group, and leaves the group\'s list', () => {
    const t = parse(JSON.stringify({
      report_progress: { templateId: 'TPL-A', fields: { thing1: 'subject' } },
      report_rejected: { templateId: 'TPL-B', fields: { thing1: 'note' } },
    }))
    expect(templateFor(t, 'report_accepted')?.template.templateId).toBe('TPL-A')
    expect(templateFor(t, 'report_rejected')).toMatchObject({ key: 'report_rejected', template: { templateId: 'TPL-B' } })
    expect(templateFor(t, 'poll_opened')).toBeUndefined()
    expect(templateKinds(t, 'report_progress')).toEqual(['report_accepted', 'report_dispatched', 'report_resolved'])
    expect(parse('')).toEqual({})
  })

  it.each([
    ['not JSON', '{report', /WECHAT_SUBSCRIBE_TEMPLATES: not JSON/],
    ['an unknown group', JSON.stringify({ reports: { templateId: 'x', fields: { thing1: 'a' } } }), /WECHAT_SUBSCRIBE_TEMPLATES/],
    ['a key WeChat does not have', JSON.stringify({ poll: { templateId: 'x', fields: { title1: 'a' } } }), /WECHAT_SUBSCRIBE_TEMPLATES.poll.fields.title1/],
    ['no fields', JSON.stringify({ poll: { templateId: 'x', fields: {} } }), /at least one field/],
  ])('a server does not start with %s', (_what, json, message) => {
    expect(() => parse(json)).toThrow(message)
  })

  it('values are cut to WeChat\'s limits per key type; free text ends with …; an empty value becomes -', () => {
    const data = templateData(
      { templateId: 'T', fields: { thing1: 'subject', phrase2: 'status', character_string3: 'no', name4: 'who', time5: 'time', thing6: 'missing' } },
      { subject: '一二三四五六七八九十一二三四五六七八九十多出来', status: '处理中请稍候', no: 'A'.repeat(40), who: '欧阳一二三四五六七八九', time: '2026-11-23 09:00' },
    )
    expect(data).toEqual({
      thing1: '一二三四五六七八九十一二三四五六七八九…', phrase2: '处理中请稍', character_string3: 'A'.repeat(32),
      name4: '欧阳一二三四五六七…', time5: '2026-11-23 09:00', thing6: '-',
    })
    expect([...data.thing1]).toHaveLength(20)
  })
})
