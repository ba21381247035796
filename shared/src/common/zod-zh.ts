// Chinese messages for zod's own checks, for the server's 400s and the mini-program's forms.
// zod ships a zh-CN locale, but it reads "期望 string >=2 字符" and "实际接收 undefined": type
// names and symbols an elderly resident cannot read. These say what to do, in plain words.
// This file imports nothing at run time: the mini-program loads it before any schema exists.
import type { z } from 'zod'

type Issue = z.core.$ZodRawIssue

const kinds: Record<string, string> = {
  string: '文字', number: '数字', int: '整数', bigint: '整数', boolean: '是或否', array: '列表', object: '一组内容',
  date: '日期', file: '文件', map: '一组内容', set: '列表',
}

const formats: Record<string, string> = {
  uuid: '编号', guid: '编号', email: '邮箱地址', url: '网址', datetime: '时间', date: '日期', time: '时间',
  regex: '内容', e164: '手机号', ipv4: '地址', ipv6: '地址', base64: '内容', base64url: '内容', jwt: '凭证',
}

function size(issue: { minimum?: unknown; maximum?: unknown; origin?: string; inclusive?: boolean }, big: boolean): string {
  const n = Number(big ? issue.maximum : issue.minimum)
  const inclusive = issue.inclusive !== false
  switch (issue.origin) {
    case 'string':
      if (!big && n <= 1) return '不能为空'
      return big ? `最多 ${n} 个字` : `至少 ${n} 个字`
    case 'array': case 'set':
      if (!big && n <= 1) return '至少选一项'
      return big ? `最多 ${n} 项` : `至少 ${n} 项`
    case 'date':
      return big ? '时间太晚了' : '时间太早了'
    case 'file':
      return big ? '文件太大' : '文件太小'
    default:
      if (big) return inclusive ? `不能大于 ${n}` : `应小于 ${n}`
      return inclusive ? `不能小于 ${n}` : `应大于 ${n}`
  }
}

/** zod's `localeError`: one Chinese sentence per issue (a schema's own message still wins). */
export function zhZodError(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return '必填'
      return `应填写${kinds[String(issue.expected)] ?? '正确的内容'}`
    case 'too_small': return size(issue, false)
    case 'too_big': return size(issue, true)
    case 'invalid_format': {
      const f = String((issue as { format?: string }).format ?? '')
      if (f === 'starts_with' || f === 'ends_with' || f === 'includes' || f === 'lowercase' || f === 'uppercase') return '格式不对'
      return `${formats[f] ?? ''}格式不对`
    }
    case 'not_multiple_of': return `应为 ${String((issue as { divisor?: unknown }).divisor)} 的倍数`
    case 'unrecognized_keys': return '含有不认识的内容'
    case 'invalid_value': return '不在可选的范围内'
    case 'invalid_union': return '格式不对'
    case 'invalid_key': return '含有无效的键'
    case 'invalid_element': return '含有无效的一项'
    default: return '无效'
  }
}

/** Chinese names of the request fields a form shows, so a 400 says 「标题：最多 80 个字」. */
export const FIELD_LABELS: Record<string, string> = {
  title: '标题', description: '描述', body: '内容', name: '名称', displayName: '姓名', address: '地址',
  note: '备注', place: '地点', points: '积分', photos: '照片', photoIds: '照片', options: '选项', choices: '选择',
  area: '面积', phone: '手机号', unitId: '所属单元', categoryId: '问题类别', kind: '类型', code: '代码',
  location: '位置', lat: '纬度', lng: '经度', reason: '原因', comment: '评价', reply: '答复', answer: '回答',
  opensAt: '开始时间', closesAt: '截止时间', startsAt: '开始时间', endsAt: '结束时间', deadline: '截止时间',
  budgetFen: '预算', amountFen: '金额', spentFen: '花费', fundSource: '资金来源', pricePoints: '所需积分',
  stock: '库存', addStock: '补货数量', monthlyLimit: '每月限兑', quantity: '数量', progress: '进度',
  meetingId: '议事会议', for: '赞成', against: '反对', abstain: '弃权', householdsPresent: '到会户数',
  minutes: '会议纪要', agenda: '议程', host: '主持人', summary: '摘要', headName: '户主姓名',
  serialNumber: '选票编号', householdId: '户', rate: '评价', rating: '评价', delta: '积分', year: '年份',
  username: '用户名', password: '密码', role: '角色', userId: '用户', themes: '主题', speaker: '宣讲人', theme: '主题', contact: '联系方式',
  responsible: '负责人', what: '事项', where: '地点', limit: '每页条数', cursor: '翻页位置', q: '搜索词',
  anonymous: '匿名', beforePhotos: '处理前照片', afterPhotos: '处理后照片', cosignThreshold: '联署门槛',
  validDays: '有效天数', dailyCap: '每日上限', thresholdPercent: '通过比例', quorumPercent: '参与比例',
}

/** the Chinese name of a field path like `options.2` or `location.lat`, or the path itself */
export function fieldLabel(path: string): string {
  const parts = path.split('.').filter((p) => p && !/^\d+$/.test(p))
  for (let i = parts.length - 1; i >= 0; i--) {
    const label = FIELD_LABELS[parts[i]]
    if (label) return label
  }
  return path
}
