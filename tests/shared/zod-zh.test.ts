import path from 'node:path'
import { fieldLabel, zhZodError } from '@linli/shared'

// the contract's own zod (v4), not whatever version the test folder resolves
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { z } = require(require.resolve('zod', { paths: [path.join(__dirname, '../../shared')] })) as typeof import('zod')

// the same setting the server (plugins/errors.ts) and the mini-program (zod-setup.ts) make
z.config({ localeError: zhZodError })

const messages = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, input: unknown) => {
  const r = schema.safeParse(input)
  return r.success ? [] : r.error!.issues.map((i) => i.message)
}

describe("zod's own checks in Chinese", () => {
  it('say what to fix in plain words, with no type names or symbols', () => {
    expect(messages(z.object({ title: z.string() }), {})).toEqual(['必填'])
    expect(messages(z.string().min(1), '')).toEqual(['不能为空'])
    expect(messages(z.string().min(2).max(4), '一')).toEqual(['至少 2 个字'])
    expect(messages(z.string().max(4), '一二三四五')).toEqual(['最多 4 个字'])
    expect(messages(z.number().int(), 1.5)).toEqual(['应填写整数'])
    expect(messages(z.number(), 'x')).toEqual(['应填写数字'])
    expect(messages(z.number().min(0), -1)).toEqual(['不能小于 0'])
    expect(messages(z.number().positive(), 0)).toEqual(['应大于 0'])
    expect(messages(z.array(z.string()).min(1), [])).toEqual(['至少选一项'])
    expect(messages(z.array(z.string()).max(2), ['a', 'b', 'c'])).toEqual(['最多 2 项'])
    expect(messages(z.enum(['a', 'b']), 'c')).toEqual(['不在可选的范围内'])
    expect(messages(z.uuid(), 'x')).toEqual(['编号格式不对'])
    expect(messages(z.iso.datetime({ offset: true }), '2026')).toEqual(['时间格式不对'])
    expect(messages(z.object({}).strict(), { a: 1 })).toEqual(['含有不认识的内容'])
    // a schema's own message still wins
    expect(messages(z.string().min(1, '请填写标题'), '')).toEqual(['请填写标题'])
  })

  it('name a field in Chinese where a form shows it, and keep an unknown path as it is', () => {
    expect(fieldLabel('title')).toBe('标题')
    expect(fieldLabel('options.2')).toBe('选项')
    expect(fieldLabel('showOfHands.for')).toBe('赞成')
    expect(fieldLabel('somethingElse')).toBe('somethingElse')
  })
})
