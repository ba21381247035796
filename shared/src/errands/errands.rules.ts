/**
 * 代办 rules shared by the server and the mini-program: the modes, the state table, the ratings,
 * the shipped catalogue, the working-day time limit and the ID-number guard.
 */
export const ERRAND_MODES = ['onsite', 'full', 'assist'] as const
export type ErrandMode = (typeof ERRAND_MODES)[number]
export const ErrandModeLabel: Record<ErrandMode, string> = { onsite: '现场代办', full: '全程代办', assist: '协助代办' }

export const ERRAND_STATUSES = ['open', 'taken', 'collected', 'submitted', 'waiting', 'done', 'refused', 'cancelled'] as const
export type ErrandStatus = (typeof ERRAND_STATUSES)[number]
export const ErrandStatusLabel: Record<ErrandStatus, string> = {
  open: '待接单', taken: '已接单', collected: '材料已收齐', submitted: '已递交', waiting: '等待办结',
  done: '已办结', refused: '未能办理', cancelled: '已撤销',
}
/** An errand in one of these has ended: no more steps, the photo retention runs. */
export const ERRAND_ENDED: readonly ErrandStatus[] = ['done', 'refused', 'cancelled']

/** The steps the 代办员 records, and `cancel` by the household (or staff) before it is taken. */
export const ERRAND_ACTIONS = ['take', 'collect', 'submit', 'wait', 'done', 'refuse', 'cancel', 'note'] as const
export type ErrandAction = (typeof ERRAND_ACTIONS)[number]
export const ErrandActionLabel: Record<ErrandAction | 'open' | 'rate' | 'overdue', string> = {
  open: '提交代办', take: '代办员接单', collect: '收齐材料', submit: '递交部门', wait: '等待部门办理', done: '办结',
  refuse: '未能办理', cancel: '撤销', note: '备注', rate: '评价', overdue: '超过办理时限',
}

/**
 * The state table: from which statuses each action may be taken and where it leads (`note`
 * keeps the status). 现场代办 may be done at once after taking it.
 */
export const ERRAND_TRANSITIONS: Record<ErrandAction, { from: readonly ErrandStatus[]; to: ErrandStatus | null }> = {
  take: { from: ['open'], to: 'taken' },
  collect: { from: ['taken'], to: 'collected' },
  submit: { from: ['taken', 'collected'], to: 'submitted' },
  wait: { from: ['submitted'], to: 'waiting' },
  done: { from: ['taken', 'collected', 'submitted', 'waiting'], to: 'done' },
  refuse: { from: ['taken', 'collected', 'submitted', 'waiting'], to: 'refused' },
  cancel: { from: ['open'], to: 'cancelled' },
  note: { from: ['taken', 'collected', 'submitted', 'waiting'], to: null },
}
export function errandActionAllowed(action: ErrandAction, status: ErrandStatus): boolean {
  return ERRAND_TRANSITIONS[action].from.includes(status)
}

export const ERRAND_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const
export type ErrandRating = (typeof ERRAND_RATINGS)[number]
export const ErrandRatingLabel: Record<ErrandRating, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' }

export const ERRAND_LIMITS = {
  noteMax: 200,
  nameMax: 30,
  itemMax: 40,
  itemsMax: 20,
  officeMax: 60,
  photosMax: 6,
  defaultPhotoRetentionDays: 30,
  /** a signed photo link lives this long; each fetch is audited */
  photoLinkSeconds: 600,
} as const

/**
 * Text that looks like a 居民身份证 number (18 characters, the last a digit or X; or the old 15
 * digits), also when written with spaces or dashes. Documents are ticked, never numbered: every
 * free-text field of an errand and of the catalogue is refused when it holds one.
 */
export function looksLikeIdNumber(text: string): boolean {
  const ascii = text.replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  const compact = ascii.replace(/(\d)[\s\-－—_.·]+(?=[\dXx])/g, '$1')
  return /\d{17}[Xx]|\d{15,}/.test(compact)
}

/**
 * The time limit in working days (Monday to Friday, China time): the deadline is the end
 * (24:00 China time) of the N-th working day after the day the errand is opened. Public holidays
 * and 调休 are not in the calendar.
 */
export function addWorkdays(from: Date, workdays: number): Date {
  const CHINA = 8 * 3_600_000
  const day = new Date(Math.floor((from.getTime() + CHINA) / 86_400_000) * 86_400_000) // China midnight, as UTC ms
  let left = workdays
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1)
    const dow = day.getUTCDay()
    if (dow !== 0 && dow !== 6) left--
  }
  return new Date(day.getTime() + 86_400_000 - CHINA)
}

/** The catalogue every community starts with (办理要件, 办理流程, office, working days); the admin edits it. */
export const DEFAULT_ERRAND_TYPES: readonly { code: string; name: string; checklist: string[]; steps: string[]; office: string; limitWorkdays: number }[] = [
  { code: 'dibao', name: '低保申请', checklist: ['户口簿', '身份证', '家庭收入证明', '家庭财产状况申报', '低保申请书'], steps: ['入户了解情况', '收齐材料', '递交街道社会救助窗口', '等待审核公示', '领取结果'], office: '街道便民服务中心社会救助窗口', limitWorkdays: 30 },
  { code: 'social_insurance', name: '社保办理', checklist: ['身份证', '户口簿', '一寸照片', '银行卡'], steps: ['核对参保信息', '收齐材料', '递交社保窗口', '领取结果'], office: '街道便民服务中心社保窗口', limitWorkdays: 10 },
  { code: 'medical_insurance', name: '医保', checklist: ['身份证', '户口簿', '医保卡', '缴费凭证'], steps: ['核对参保信息', '收齐材料', '递交医保窗口', '领取结果'], office: '街道便民服务中心医保窗口', limitWorkdays: 10 },
  { code: 'property', name: '房屋产权', checklist: ['身份证', '购房合同', '发票', '契税完税证明'], steps: ['核对材料', '预约不动产登记', '递交登记中心', '等待登簿', '领取证书'], office: '区不动产登记中心', limitWorkdays: 20 },
  { code: 'disability', name: '残疾证', checklist: ['身份证', '户口簿', '二寸照片', '医院诊断证明'], steps: ['收齐材料', '递交残联窗口', '预约残疾评定', '等待审核', '领取证件'], office: '街道残联窗口', limitWorkdays: 20 },
]
