import { z } from 'zod'
import { IsoDateTime } from '../common/common.schemas'
import { OPTION_LETTERS, POLL_LIMITS, POLL_SECRECY } from './polls.limits'
import { PollStatuses } from './polls.states'
import { parseReceiptRef } from './polls.receipt-code'

export * from './polls.states'
export * from './polls.limits'
export * from './polls.receipt-code'

export const PollStatus = z.enum(PollStatuses)
export type PollStatus = z.infer<typeof PollStatus>
export const OptionId = z.string().regex(/^[A-T]$/).describe('option letter, as printed on the paper ballot')
export const VoterRule = z.enum(['head', 'adult']).describe('head: only the household head votes; adult: any adult member')
export const TallyVisibility = z.enum(['live', 'after_close'])
export const BallotChannel = z.enum(['online', 'paper', 'door'])
export type BallotChannel = z.infer<typeof BallotChannel>

const approveOption = OptionId.optional().describe('the option whose approval the rule measures; default: the leading option')
/** Decision rules. Art. 278: 民法典第二百七十八条 (owners: area and headcount). */
export const DecisionRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simple_majority'), approveOption }).describe('more than half of ballots cast'),
  z.object({ kind: z.literal('majority_of_eligible'), approveOption }).describe('more than half of eligible households'),
  z.object({ kind: z.literal('two_thirds_cast'), approveOption }).describe('at least two thirds of ballots cast'),
  z.object({
    kind: z.literal('custom'), approveOption,
    quorumPercent: z.number().int().min(0).max(100).describe('turnout >= this % of eligible households'),
    thresholdPercent: z.number().int().min(1).max(100).describe('approval >= this % of ballots cast'),
  }),
  z.object({
    kind: z.literal('art278'), approveOption,
    major: z.boolean().describe('major matter (maintenance fund, rebuilding, change of use): >= 3/4 instead of > 1/2'),
  }),
])
export type DecisionRule = z.infer<typeof DecisionRule>

export const ChoiceSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single') }),
  z.object({ kind: z.literal('multi'), min: z.number().int().min(1).max(POLL_LIMITS.optionsMax), max: z.number().int().min(1).max(POLL_LIMITS.optionsMax) }),
])

const pollFields = {
  title: z.string().trim().min(1).max(POLL_LIMITS.titleMax),
  body: z.string().trim().max(POLL_LIMITS.bodyMax).default(''),
  options: z.array(z.string().trim().min(1).max(POLL_LIMITS.optionLabelMax)).min(POLL_LIMITS.optionsMin).max(POLL_LIMITS.optionsMax),
  choice: ChoiceSpec.default({ kind: 'single' }),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  voterRule: VoterRule.default('head'),
  allowChange: z.boolean().default(false),
  tallyVisibility: TallyVisibility.default('after_close'),
  rule: DecisionRule,
}

type Shape = { options?: string[]; choice?: z.infer<typeof ChoiceSpec>; opensAt?: string; closesAt?: string; rule?: DecisionRule }
function checkPoll(b: Shape, ctx: z.RefinementCtx) {
  if (b.options && new Set(b.options).size !== b.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: '选项不能重复' })
  if (b.choice?.kind === 'multi') {
    if (b.choice.min > b.choice.max) ctx.addIssue({ code: 'custom', path: ['choice', 'min'], message: '最少选择数不能大于最多选择数' })
    if (b.options && b.choice.max > b.options.length) ctx.addIssue({ code: 'custom', path: ['choice', 'max'], message: '最多选择数不能超过选项数' })
  }
  if (b.opensAt && b.closesAt && Date.parse(b.opensAt) >= Date.parse(b.closesAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '截止时间必须晚于开始时间' })
  if (b.rule?.approveOption && b.options && OPTION_LETTERS.indexOf(b.rule.approveOption) >= b.options.length) {
    ctx.addIssue({ code: 'custom', path: ['rule', 'approveOption'], message: '表决依据的选项不存在' })
  }
}

export const CreatePollBody = z.object({ unitId: z.uuid(), ...pollFields }).superRefine(checkPoll)
export type CreatePollBody = z.infer<typeof CreatePollBody>
/** PATCH while draft: any subset; the merged poll is checked again on the server. */
export const UpdatePollBody = z.object({
  title: pollFields.title.optional(), body: z.string().trim().max(POLL_LIMITS.bodyMax).optional(), options: pollFields.options.optional(),
  choice: ChoiceSpec.optional(), opensAt: IsoDateTime.optional(), closesAt: IsoDateTime.optional(), voterRule: VoterRule.optional(),
  allowChange: z.boolean().optional(), tallyVisibility: TallyVisibility.optional(), rule: DecisionRule.optional(),
}).superRefine(checkPoll).refine((b) => Object.keys(b).length > 0, { message: '至少修改一个字段' })
export type UpdatePollBody = z.infer<typeof UpdatePollBody>

export const PollParams = z.object({ id: z.uuid() })
export const ReceiptParams = z.object({
  id: z.uuid(),
  receipt: z.string().max(80).refine((s) => parseReceiptRef(s) !== null, '回执码是 16 个字符（如 7KQ2-M9XD-3FHA-WP4N），或 64 位完整回执')
    .describe('the short code (16 characters, dashes optional) or the full receipt (64 hex digits)'),
})
export const PollListQuery = z.object({
  status: PollStatus.optional(),
  unitId: z.uuid().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
export const ReasonBody = z.object({ reason: z.string().trim().min(1).max(POLL_LIMITS.reasonMax) })
export const OptionalReasonBody = z.object({ reason: z.string().trim().min(1).max(POLL_LIMITS.reasonMax).optional() })

export const Choices = z.array(OptionId).min(1).max(POLL_LIMITS.optionsMax)
  .refine((c) => new Set(c).size === c.length, { message: '选项不能重复' })
export const CastBallotBody = z.object({ choices: Choices })
export const PaperBallotBody = z.object({
  householdId: z.uuid(),
  choices: Choices,
  channel: z.enum(['paper', 'door']),
  serialNumber: z.string().trim().min(1).max(POLL_LIMITS.serialNumberMax).optional().describe('纸质选票编号 (required for paper)'),
  photoRef: z.string().trim().min(1).max(POLL_LIMITS.photoRefMax).optional().describe('upload id or URL of the photo of the paper ballot'),
}).refine((b) => b.channel !== 'paper' || !!b.serialNumber, { path: ['serialNumber'], message: '纸质选票需填写编号' })

export const PollOption = z.object({ id: OptionId, label: z.string() })
/** the short code people read aloud and compare (polls.receipt-code.ts) */
export const ReceiptCode = z.string().describe('short receipt code: 16 Crockford base32 characters in groups of 4, the receipt\'s first 80 bits')
export const MyHousehold = z.object({
  householdId: z.uuid().nullable().describe('the caller\'s own household'),
  eligible: z.boolean().describe('the household is in the frozen electorate and the caller may vote for it'),
  voted: z.boolean(),
  canChange: z.boolean(),
  /** the household's own current ballot: shown to its members only */
  ballot: z.object({ receipt: z.string(), code: ReceiptCode, choices: z.array(OptionId), channel: BallotChannel }).nullable(),
})
export const Poll = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  title: z.string(),
  body: z.string(),
  options: z.array(PollOption),
  choice: z.object({ kind: z.enum(['single', 'multi']), min: z.number().int(), max: z.number().int() }),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  voterRule: VoterRule,
  allowChange: z.boolean(),
  tallyVisibility: TallyVisibility,
  rule: DecisionRule,
  status: PollStatus,
  statusReason: z.string().nullable(),
  openedAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  electorateSize: z.number().int().nullable().describe('households frozen at opening; null while draft or scheduled'),
  myHousehold: MyHousehold.nullable(),
  createdAt: IsoDateTime,
})
export type Poll = z.infer<typeof Poll>
export const PollSummary = Poll.omit({ body: true, myHousehold: true })

export const BallotReceipt = z.object({
  pollId: z.uuid(),
  receipt: z.string().describe('sha256(poll id | choices | nonce), hex; find it on the bulletin after closing'),
  code: ReceiptCode,
  choices: z.array(OptionId),
  channel: BallotChannel,
  castAt: IsoDateTime,
  supersedes: z.string().nullable().describe('receipt of the ballot this one replaced'),
})
export type BallotReceipt = z.infer<typeof BallotReceipt>

const ChannelCounts = z.object({ online: z.number().int(), paper: z.number().int(), door: z.number().int() })
export const RuleCondition = z.object({
  key: z.string(),
  label: z.string(),
  actual: z.string().describe('the measured number, e.g. "412 / 600"'),
  required: z.string().describe('e.g. "> 1/2", ">= 2/3"'),
  met: z.boolean(),
})
export const Tally = z.object({
  pollId: z.uuid(),
  status: PollStatus,
  certified: z.boolean().describe('true once closing has certified this result'),
  certifiedAt: IsoDateTime.nullable(),
  visible: z.boolean().describe('false while the poll shows its tally only after closing: counts are then null'),
  turnout: z.object({
    eligibleHouseholds: z.number().int(),
    votedHouseholds: z.number().int(),
    eligibleArea: z.number().describe('m²'),
    votedArea: z.number().describe('m²'),
    byChannel: ChannelCounts,
  }),
  options: z.array(z.object({
    id: OptionId, label: z.string(), count: z.number().int(),
    area: z.number().nullable().describe('m²; null in a live snapshot (known areas would name who chose what)'),
    byChannel: ChannelCounts.nullable().describe('null in a live snapshot (a lone paper ballot would be named)'),
  })).nullable(),
  asOf: z.object({
    votedHouseholds: z.number().int().describe('the counts are those of the moment this many households had voted'),
    takenAt: IsoDateTime,
  }).nullable().describe('live polls: the published snapshot the counts come from; null once certified or while none is published'),
  liveEvery: z.number().int().nullable().describe('live polls: published counts move only after at least this many more households have voted (ballot secrecy, k)'),
  decision: z.object({
    rule: DecisionRule,
    subjectOption: OptionId.nullable().describe('the option the conditions measure'),
    conditions: z.array(RuleCondition),
    passed: z.boolean(),
  }).nullable(),
})
export type Tally = z.infer<typeof Tally>

/** A poll in a list, with what the list shows beside it (no request per poll): the caller's household's vote state, a closed poll's certified result. */
export const PollListEntry = PollSummary.extend({
  myHousehold: z.object({ eligible: z.boolean(), voted: z.boolean() }).nullable().describe('null when the caller has no household'),
  tally: Tally.nullable().describe('the certified result of a closed poll; null otherwise'),
})
export type PollListEntry = z.infer<typeof PollListEntry>
export const PollList = z.object({ items: z.array(PollListEntry), nextCursor: z.string().nullable() })

export const Turnout = z.object({
  pollId: z.uuid(),
  eligibleHouseholds: z.number().int().describe('within the caller\'s scope'),
  votedHouseholds: z.number().int(),
  items: z.array(z.object({ householdId: z.uuid(), address: z.string(), unitName: z.string(), voted: z.boolean() })),
})

export const BulletinEntry = z.object({
  receipt: z.string(),
  code: ReceiptCode,
  nonce: z.string(),
  choices: z.array(OptionId),
  channel: BallotChannel,
  superseded: z.boolean(),
})
export const Bulletin = z.object({
  pollId: z.uuid(),
  title: z.string(),
  options: z.array(PollOption),
  receiptFormula: z.string(),
  codeFormula: z.string().describe('how the short code is derived from the receipt'),
  codeBits: z.number().int().describe('bits of the receipt the short code carries'),
  counted: z.number().int(),
  entries: z.array(BulletinEntry).describe('ordered by receipt, so order reveals nothing'),
  certifiedTally: Tally.nullable(),
})
export const ReceiptCheck = z.object({
  pollId: z.uuid(),
  receipt: z.string(),
  code: ReceiptCode,
  found: z.literal(true),
  superseded: z.boolean(),
  /** after closing only, as on the bulletin */
  choices: z.array(OptionId).nullable(),
  channel: BallotChannel.nullable(),
})

/** A community's poll settings (the community's admins change them). */
export const PollSettings = z.object({
  communityId: z.uuid(),
  secrecyK: z.number().int().describe('k: live counts and their changes always cover at least k households; frozen on a poll when it opens'),
  isDefault: z.boolean().describe('true when the community has set nothing and the default applies'),
})
export const PollSettingsBody = z.object({
  secrecyK: z.number().int().min(POLL_SECRECY.minK).max(POLL_SECRECY.maxK),
})
