import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea, Picker } from '@tarojs/components'
// Dates and times: Taro's Picker, not NutUI's DatePicker — in weapp it opens WeChat's own native
// wheel (the one people know from WeChat, sized by the system), where NutUI draws a wheel in the page.
import Taro from '@tarojs/taro'
import { OPTION_LETTERS, POLL_LIMITS } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { getUnitChildren } from '../../../../api/org'
import { createPoll, openPoll, schedulePoll, type PollT } from '../../../../api/polls'
import { errorMessage } from '../../../../api/client'
import { routes, withQuery } from '../../../../routes'
import Chips from '../../../../components/chips'
import { checkForm, emptyForm, toBody, type PollForm, type RuleKind } from './form'
import '../../polls.css'

interface UnitChoice { id: string; name: string }

const RULES: { value: RuleKind; label: string }[] = [
  { value: 'simple_majority', label: '投票户数过半' },
  { value: 'majority_of_eligible', label: '全部户数过半' },
  { value: 'two_thirds_cast', label: '投票户数三分之二' },
  { value: 'custom', label: '自定义' },
  { value: 'art278', label: '民法典第278条' },
]

function Field({ label, help, children }: { label: string; help?: string; children: React.ReactNode }) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      {children}
      {help && <Text className='field__help'>{help}</Text>}
    </View>
  )
}

/** 保存草稿: a draft, never opened by itself; 排期开启: the server opens it at its start time; 立即开启: open now. */
type SaveAs = 'draft' | 'schedule' | 'open'
const SAVE_LABEL: Record<SaveAs, string> = { draft: '保存草稿', schedule: '排期开启', open: '立即开启' }

export function NewPollForm({ units, onCreated, now = () => new Date(), initial }: {
  units: UnitChoice[]
  /** fields set in advance (a copied poll, a test) over the defaults */
  initial?: Partial<PollForm>
  /** the poll as the server has it after saving (and scheduling or opening), and what went wrong after saving, if anything */
  onCreated: (poll: PollT, problem?: string) => void
  now?: () => Date
}) {
  const [f, setF] = useState<PollForm>(() => ({ ...emptyForm(units[0]?.id ?? '', now()), ...initial }))
  const [busy, setBusy] = useState<SaveAs | null>(null)
  const [error, setError] = useState('')
  const set = <K extends keyof PollForm>(k: K, v: PollForm[K]) => { setF((x) => ({ ...x, [k]: v })); setError('') }
  const setOption = (i: number, v: string) => set('options', f.options.map((o, j) => (j === i ? v : o)))

  const submit = async (as: SaveAs) => {
    const problem = checkForm(f) || (as === 'schedule' && Date.parse(toBody(f).opensAt) <= now().getTime() ? '开始时间已过，不能排期；请改开始时间，或选择立即开启' : '')
    if (problem) { setError(problem); return }
    setBusy(as)
    let draft: PollT
    try {
      draft = await createPoll(toBody(f))
    } catch (e) {
      setError(errorMessage(e))
      setBusy(null)
      return
    }
    // saved as a draft; scheduling or opening is a second request: if it fails, the draft stays and the manage page says so
    try {
      onCreated(as === 'draft' ? draft : as === 'schedule' ? await schedulePoll(draft.id) : await openPoll(draft.id))
    } catch (e) {
      onCreated(draft, errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  const letters = f.options.map((_, i) => OPTION_LETTERS[i])
  return (
    <View className='card'>
      <Field label='投票范围' help='范围内（含下级）的住户在开启投票时进入选民名册。'>
        <Chips id='poll-unit' value={f.unitId} options={units.map((u) => ({ value: u.id, label: u.name }))} onChange={(v) => set('unitId', v)} />
      </Field>
      <Field label='标题'>
        <Input className='field__input' id='poll-title-input' aria-label='标题' value={f.title} maxlength={POLL_LIMITS.titleMax}
          placeholder='例如：是否同意加装电梯' onInput={(e) => set('title', e.detail.value)} />
      </Field>
      <Field label='说明（可选）'>
        <Textarea className='textarea' id='poll-body-input' aria-label='说明' value={f.body} maxlength={POLL_LIMITS.bodyMax}
          placeholder='背景、费用、方案等' onInput={(e) => set('body', e.detail.value)} />
      </Field>
      <Field label='选项' help='字母会印在纸质选票上。'>
        {f.options.map((o, i) => (
          <View className='inline-row' key={i}>
            <Text className='poll-option__letter'>{letters[i]}.</Text>
            <Input className='field__input' id={`poll-option-${i}`} aria-label={`选项 ${letters[i]}`} value={o}
              maxlength={POLL_LIMITS.optionLabelMax} onInput={(e) => setOption(i, e.detail.value)} />
            {f.options.length > POLL_LIMITS.optionsMin && (
              <ActionButton className='btn btn--small btn--danger' aria-label={`删除选项 ${letters[i]}`}
                onClick={() => set('options', f.options.filter((_, j) => j !== i))}>删除</ActionButton>
            )}
          </View>
        ))}
        {f.options.length < POLL_LIMITS.optionsMax && (
          <ActionButton className='btn btn--small btn--ghost' id='poll-option-add' onClick={() => set('options', [...f.options, ''])}>添加选项</ActionButton>
        )}
      </Field>
      <Field label='单选还是多选'>
        <Chips id='poll-choice' value={f.multi ? 'multi' : 'single'} options={[{ value: 'single', label: '单选' }, { value: 'multi', label: '多选' }]}
          onChange={(v) => set('multi', v === 'multi')} />
        {f.multi && (
          <View className='inline-row' style={{ marginTop: '16px' }}>
            <Text>最少</Text>
            <Input className='field__input' type='number' id='poll-min' aria-label='最少选几项' value={f.min} onInput={(e) => set('min', e.detail.value)} />
            <Text>最多</Text>
            <Input className='field__input' type='number' id='poll-max' aria-label='最多选几项' value={f.max} onInput={(e) => set('max', e.detail.value)} />
          </View>
        )}
      </Field>
      <Field label='开始时间' help='排期开启时，到这个时间自动开启；立即开启则从开启时刻起投票。'>
        <View className='inline-row'>
          <Picker mode='date' value={f.openDate} onChange={(e) => set('openDate', String(e.detail.value))}>
            <Text className='picker-value' id='poll-open-date'>{f.openDate}</Text>
          </Picker>
          <Picker mode='time' value={f.openTime} onChange={(e) => set('openTime', String(e.detail.value))}>
            <Text className='picker-value' id='poll-open-time'>{f.openTime}</Text>
          </Picker>
        </View>
      </Field>
      <Field label='截止时间'>
        <View className='inline-row'>
          <Picker mode='date' value={f.closeDate} onChange={(e) => set('closeDate', String(e.detail.value))}>
            <Text className='picker-value' id='poll-close-date'>{f.closeDate}</Text>
          </Picker>
          <Picker mode='time' value={f.closeTime} onChange={(e) => set('closeTime', String(e.detail.value))}>
            <Text className='picker-value' id='poll-close-time'>{f.closeTime}</Text>
          </Picker>
        </View>
      </Field>
      <Field label='谁来投票'>
        <Chips id='poll-voter' value={f.voterRule} options={[{ value: 'head', label: '户主' }, { value: 'adult', label: '任一成年成员' }]}
          onChange={(v) => set('voterRule', v)} />
      </Field>
      <Field label='截止前可以改票'>
        <Chips id='poll-change' value={f.allowChange ? 'yes' : 'no'} options={[{ value: 'yes', label: '可以' }, { value: 'no', label: '不可以' }]}
          onChange={(v) => set('allowChange', v === 'yes')} />
      </Field>
      <Field label='计票公布'>
        <Chips id='poll-live' value={f.live ? 'live' : 'after'} options={[{ value: 'after', label: '结束后公布' }, { value: 'live', label: '实时公布' }]}
          onChange={(v) => set('live', v === 'live')} />
      </Field>
      <Field label='表决规则'>
        <Chips id='poll-rule' value={f.ruleKind} options={RULES} onChange={(v) => set('ruleKind', v)} />
        {f.ruleKind === 'custom' && (
          <View className='inline-row' style={{ marginTop: '16px' }}>
            <Text>参与率≥</Text>
            <Input className='field__input' type='number' id='poll-quorum' aria-label='参与率（百分比）' value={f.quorum} onInput={(e) => set('quorum', e.detail.value)} />
            <Text>赞成率≥</Text>
            <Input className='field__input' type='number' id='poll-threshold' aria-label='赞成率（百分比）' value={f.threshold} onInput={(e) => set('threshold', e.detail.value)} />
          </View>
        )}
        {f.ruleKind === 'art278' && (
          <View style={{ marginTop: '16px' }}>
            <Chips id='poll-major' value={f.major ? 'major' : 'ordinary'}
              options={[{ value: 'ordinary', label: '一般事项（过半数）' }, { value: 'major', label: '重大事项（四分之三）' }]}
              onChange={(v) => set('major', v === 'major')} />
            <Text className='field__help'>重大事项：筹集和使用维修资金、改建重建建筑物、改变共有部分用途等。</Text>
          </View>
        )}
      </Field>
      <Field label='表决依据的选项' help='规则衡量哪个选项的票数；默认看得票最多的选项。'>
        <Chips id='poll-approve' value={f.approveOption}
          options={[{ value: '', label: '得票最多' }, ...letters.map((l) => ({ value: l, label: `选项 ${l}` }))]}
          onChange={(v) => set('approveOption', v)} />
      </Field>
      <FormError message={error} id='poll-new-error' />
      {(['draft', 'schedule', 'open'] as const).map((as) => (
        <ActionButton key={as} className={as === 'draft' ? 'btn btn--ghost' : 'btn'} id={as === 'draft' ? 'poll-create' : `poll-${as}`}
          disabled={busy !== null} loading={busy === as || undefined} onClick={() => void submit(as)}>
          {busy === as ? '正在保存…' : SAVE_LABEL[as]}
        </ActionButton>
      ))}
      <Text className='hint'>保存草稿：不会自动开启，之后在“投票管理”里检查、排期或开启。排期开启：到开始时间由系统自动开启。立即开启：现在开启。开启时冻结选民名册，开启后题目和规则不能再改。</Text>
    </View>
  )
}

export default function NewPoll() {
  const [s, reload] = useSession()
  const [units, setUnits] = useState<UnitChoice[] | null>(null)
  const [unitsError, setUnitsError] = useState('')
  const adminUnits = s.status === 'ready' ? s.me.roles.filter((r) => r.role === 'community_admin') : []
  const key = adminUnits.map((u) => u.unitId).join(',')

  useEffect(() => {
    if (s.status !== 'ready') return
    const own = adminUnits.map((r) => ({ id: r.unitId, name: r.unitName }))
    setUnitsError('')
    // the admin's own units, then the grids below them
    Promise.all(own.map((u) => getUnitChildren(u.id).then((c) => c.items.map((x) => ({ id: x.id, name: x.name })))))
      .then((children) => setUnits([...own, ...children.flat()]))
      .catch((e) => { setUnits(own); setUnitsError(errorMessage(e)) })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.status, key])

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous' || adminUnits.length === 0) {
    return <View className='page'><Empty title='只有社区管理员可以发起投票' text='如需发起投票，请联系社区管理员。' /></View>
  }
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>发起投票</Text></View>
      {unitsError && <Text className='hint'>下级单元加载失败（{unitsError}），可先在本单元发起。</Text>}
      {units === null ? <Loading /> : (
        <NewPollForm units={units} onCreated={(poll, problem) => {
          // the manage page loads the poll from the server on every show; a failed second step is said there
          void Taro.redirectTo({ url: withQuery(routes.pollManage, problem ? { id: poll.id, notice: `已保存为草稿，但${problem}` } : { id: poll.id }) })
        }} />
      )}
    </View>
  )
}
