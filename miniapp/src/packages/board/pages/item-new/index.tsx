import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea, Picker } from '@tarojs/components'
// Dates and times: Taro's Picker, not NutUI's DatePicker — in weapp it opens WeChat's own native
// wheel (the one people know from WeChat, sized by the system), where NutUI draws a wheel in the page.
import Taro, { useRouter } from '@tarojs/taro'
import { FundSource, FundSourceLabel, PUBLICITY_LIMITS, type FundSource as FundSourceT, type TrackedItemSource } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { errorMessage } from '../../../../api/client'
import { createItem, yuanToFen, type NewTrackedItem, type TrackedItemT } from '../../../../api/publicity'
import { useSession } from '../../../../session'
import { routes, withQuery } from '../../../../routes'
import { goLogin, hereUrl } from '../../../../return-to'
import { adminUnits, type UnitChoice } from '../../scope'
import '../../board.css'

export type NewItemSource = Exclude<TrackedItemSource, 'repair'>
export const ITEM_SOURCES: { value: NewItemSource; label: string }[] = [
  { value: 'annual_project', label: '年度项目（一社一村一企一年一事）' },
  { value: 'resolution', label: '议事决议' },
  { value: 'poll', label: '投票' },
  { value: 'report', label: '随手拍' },
]

export interface ItemDraft {
  title: string
  source: NewItemSource | ''
  /** the resolution (agenda item), poll or report it comes from, when opened from there */
  sourceId: string
  unitId: string
  responsible: string
  budget: string
  fundSource: FundSourceT | ''
  plannedStart: string
  plannedEnd: string
  description: string
}

export const emptyItemDraft = (over: Partial<ItemDraft> = {}): ItemDraft => ({
  title: '', source: '', sourceId: '', unitId: '', responsible: '', budget: '', fundSource: '', plannedStart: '', plannedEnd: '', description: '', ...over,
})

/** The first thing missing or wrong, in the order the form asks; '' when it can be sent. */
export function itemProblem(d: ItemDraft): string {
  if (!d.title.trim()) return '请填写事项名称'
  if (d.title.trim().length > PUBLICITY_LIMITS.titleMax) return `事项名称最多 ${PUBLICITY_LIMITS.titleMax} 个字`
  if (!d.source) return '请选择事项来源'
  if (!d.unitId) return '请选择所属单元'
  if (!d.responsible.trim()) return '请填写责任人或责任部门'
  if (d.responsible.trim().length > 100) return '责任人或责任部门最多 100 个字'
  const fen = yuanToFen(d.budget)
  if (fen === null) return '预算请填写金额（元），最多两位小数，例如 50000 或 865.50；没有预算填 0'
  if (fen > PUBLICITY_LIMITS.fenMax) return '预算金额过大，请核对'
  if (!d.fundSource) return '请选择资金来源'
  if (d.plannedStart && d.plannedEnd && d.plannedStart > d.plannedEnd) return '计划完成日期不能早于开始日期'
  return ''
}

/** a checked draft as the POST /tracked-items body */
export function toItemBody(d: ItemDraft): NewTrackedItem {
  return {
    unitId: d.unitId, source: d.source as NewItemSource, sourceId: d.sourceId || undefined, title: d.title.trim(), description: d.description.trim(),
    responsible: d.responsible.trim(), budgetFen: yuanToFen(d.budget)!, fundSource: d.fundSource as FundSourceT,
    plannedStart: d.plannedStart || undefined, plannedEnd: d.plannedEnd || undefined,
  }
}

function DateField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}（选填）</Text>
      <View className='board__date'>
        <Picker mode='date' value={value} onChange={(e) => onChange(String(e.detail.value))}>
          <Text className='board__date-value' id={id}>{value || '点此选择日期'}</Text>
        </Picker>
        {value && <ActionButton className='btn btn--small btn--ghost' id={`${id}-clear`} aria-label={`清除${label}`} onClick={() => onChange('')}>清除</ActionButton>}
      </View>
    </View>
  )
}

export function NewItemForm({ units, initial, initialUnitName = '', onCreated }: { units: UnitChoice[]; initial: ItemDraft; initialUnitName?: string; onCreated: (item: TrackedItemT) => void }) {
  const [d, setD] = useState<ItemDraft>(() => ({ ...initial, unitId: initial.unitId || units[0]?.id || '' }))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const set = (patch: Partial<ItemDraft>) => { setD((x) => ({ ...x, ...patch })); setError('') }
  // the source id belongs to the source it was opened with; another source drops it
  const pickSource = (s: NewItemSource) => set({ source: s, sourceId: s === initial.source ? initial.sourceId : '' })
  // a unit it was opened for (a meeting's courtyard) that is not in the list still shows
  const choices = initial.unitId && !units.some((u) => u.id === initial.unitId) ? [{ id: initial.unitId, name: initialUnitName || '会议所在单元' }, ...units] : units

  async function submit() {
    const problem = itemProblem(d)
    if (problem) return setError(problem)
    setBusy(true)
    try {
      onCreated(await createItem(toItemBody(d)))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card'>
        <View className='field'>
          <Text className='field__label'>事项名称</Text>
          <Input className='field__input' id='item-new-title' placeholder='例如：幸福社区老旧路灯更换' maxlength={PUBLICITY_LIMITS.titleMax}
            value={d.title} onInput={(e) => set({ title: e.detail.value })} />
        </View>
        <View className='field'>
          <Text className='field__label'>来源</Text>
          <View className='choice-row' role='radiogroup' aria-label='事项来源'>
            {ITEM_SOURCES.map((s) => (
              <ActionButton key={s.value} id={`item-new-source-${s.value}`} aria-pressed={d.source === s.value}
                className={`btn btn--small ${d.source === s.value ? '' : 'btn--ghost'}`} onClick={() => pickSource(s.value)}>{s.label}</ActionButton>
            ))}
          </View>
          {d.sourceId && <Text className='muted' id='item-new-source-linked'>已关联{d.source === 'resolution' ? '会议决议' : '来源记录'}</Text>}
        </View>
        <View className='field'>
          <Text className='field__label'>所属单元</Text>
          <View className='choice-row' role='radiogroup' aria-label='所属单元'>
            {choices.map((u) => (
              <ActionButton key={u.id} id={`item-new-unit-${u.id}`} aria-pressed={d.unitId === u.id}
                className={`btn btn--small ${d.unitId === u.id ? '' : 'btn--ghost'}`} onClick={() => set({ unitId: u.id })}>{u.name}</ActionButton>
            ))}
          </View>
        </View>
        <View className='field'>
          <Text className='field__label'>责任人或责任部门</Text>
          <Input className='field__input' id='item-new-responsible' placeholder='例如：社区居委会 王主任' maxlength={100}
            value={d.responsible} onInput={(e) => set({ responsible: e.detail.value })} />
        </View>
        <View className='field'>
          <Text className='field__label'>说明（选填）</Text>
          <Textarea className='board__textarea' id='item-new-description' aria-label='事项说明' maxlength={PUBLICITY_LIMITS.textMax}
            value={d.description} onInput={(e) => set({ description: e.detail.value })} />
        </View>
      </View>

      <View className='card'>
        <View className='field'>
          <Text className='field__label'>预算（元）</Text>
          <Input className='field__input' id='item-new-budget' type='digit' placeholder='例如 50000，没有预算填 0' value={d.budget}
            onInput={(e) => set({ budget: e.detail.value })} />
        </View>
        <View className='field'>
          <Text className='field__label'>资金来源</Text>
          <View className='choice-row' role='radiogroup' aria-label='资金来源'>
            {FundSource.options.map((f) => (
              <ActionButton key={f} id={`item-new-fund-${f}`} aria-pressed={d.fundSource === f}
                className={`btn btn--small ${d.fundSource === f ? '' : 'btn--ghost'}`} onClick={() => set({ fundSource: f })}>{FundSourceLabel[f]}</ActionButton>
            ))}
          </View>
        </View>
        <DateField id='item-new-start' label='计划开始日期' value={d.plannedStart} onChange={(v) => set({ plannedStart: v })} />
        <DateField id='item-new-end' label='计划完成日期' value={d.plannedEnd} onChange={(v) => set({ plannedEnd: v })} />
        <Text className='muted'>过了计划完成日期仍未完成的事项会标为“已逾期”，列入挂牌督办。</Text>
      </View>

      <FormError message={error} id='item-new-error' />
      <ActionButton className='btn' id='item-new-submit' disabled={busy} loading={busy} onClick={submit}>{busy ? '正在提交…' : '建立跟踪事项'}</ActionButton>
    </View>
  )
}

const param = (v?: string) => (v ? decodeURIComponent(v) : '')

/** 新建跟踪事项: a community admin starts tracking an annual project, a resolution, a poll's result or a report. */
export default function TrackedItemNew() {
  const { params } = useRouter()
  const [s, reload] = useSession()
  const [units, setUnits] = useState<{ units: UnitChoice[]; error: string } | null>(null)
  const isAdmin = s.status === 'ready' && s.me.roles.some((r) => r.role === 'community_admin')
  const source = ITEM_SOURCES.find((x) => x.value === params.source)?.value ?? ''
  const initial = emptyItemDraft({ source, sourceId: source ? param(params.sourceId) : '', unitId: param(params.unitId), title: param(params.title) })

  useEffect(() => {
    if (s.status !== 'ready' || !isAdmin) return
    adminUnits(s.me).then(setUnits)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.status, isAdmin])

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous') {
    return (
      <View className='page'>
        <Empty title='请先登录' text='社区管理员登录后可以建立跟踪事项。'>
          <ActionButton className='btn' onClick={() => goLogin({ url: hereUrl(routes.trackedItemNew, params) })}>登录</ActionButton>
        </Empty>
      </View>
    )
  }
  if (!isAdmin) return <View className='page'><Empty title='只有社区管理员可以建立跟踪事项' text='院坝长请在“跟踪落实”里登记修缮。' /></View>
  return (
    <View className='page board'>
      <View role='heading' aria-level={1} className='h1'><Text>新建跟踪事项</Text></View>
      <Text className='hint'>议定的事要有人负责、有钱、有期限。建立后在“公示 · 跟踪落实”里公开进度和花费，完成后由住户评价。</Text>
      {units?.error && <Text className='hint'>下级单元加载失败（{units.error}），可先在本单元建立。</Text>}
      {units === null ? <Loading /> : (
        <NewItemForm units={units.units} initial={initial} initialUnitName={param(params.unitName)}
          onCreated={(item) => Taro.redirectTo({ url: withQuery(routes.trackedItem, { id: item.id, created: '1' }) })} />
      )}
    </View>
  )
}
