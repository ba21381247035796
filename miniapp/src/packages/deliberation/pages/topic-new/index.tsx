import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { DELIBERATION_LIMITS as L, needsNoHousehold } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../../components/state-view'
import { useSession } from '../../../../session'
import { createTopic } from '../../../../api/deliberation'
import { unitAncestors } from '../../../../api/org'
import { errorMessage } from '../../../../api/client'
import type { MeT } from '../../../../api/auth'
import { routes, withQuery } from '../../../../routes'
import { goLogin, hereUrl } from '../../../../return-to'
import Chips from '../../../../components/chips'
import '../../deliberation.css'

interface UnitChoice { id: string; name: string }
type Source = 'resident' | 'report' | 'mailbox' | 'grid_visit'
const COMMUNITY_KINDS = ['community', 'village', 'enterprise']
const ENTER_ROLES = ['community_admin', 'grid_worker']

/** my household's unit and the units above it, up to the community (a topic may concern any of them) */
async function householdUnits(unitId: string): Promise<UnitChoice[]> {
  const chain: UnitChoice[] = []
  for (const u of await unitAncestors(unitId)) {
    chain.push({ id: u.id, name: u.name })
    if (COMMUNITY_KINDS.includes(u.kind)) break
  }
  return chain
}

/** a query value, whether or not the router already decoded it (a lone '%' must not throw) */
function decode(v: string | undefined): string {
  if (!v) return ''
  try { return decodeURIComponent(v) } catch { return v }
}

function staffUnits(me: MeT): UnitChoice[] {
  const seen = new Map<string, UnitChoice>()
  for (const r of me.roles) if (ENTER_ROLES.includes(r.role)) seen.set(r.unitId, { id: r.unitId, name: r.unitName })
  return [...seen.values()]
}

export default function NewTopic() {
  const { params } = useRouter()
  const reportId = params.reportId ?? ''
  // 信息员代报: raised for a household of the courtyard that is not online (picked on 选择住户)
  const onBehalf = params.onBehalf ?? ''
  const [s, reload] = useSession()
  const [units, setUnits] = useState<UnitChoice[] | null>(null)
  const [unitsError, setUnitsError] = useState('')
  const [source, setSource] = useState<Source>(reportId ? 'report' : 'resident')
  const [unitId, setUnitId] = useState('')
  const [title, setTitle] = useState(() => decode(params.title).slice(0, L.titleMax))
  const [body, setBody] = useState(() => decode(params.body).slice(0, L.bodyMax))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const me = s.status === 'ready' ? s.me : null
  const resident = !!me?.household
  const staff = me ? staffUnits(me) : []
  useEffect(() => {
    if (!me || reportId) return
    if (!resident) {
      setUnits(staff)
      setUnitId(staff[0]?.id ?? '')
      setSource('mailbox')
      return
    }
    setUnitsError('')
    householdUnits(me.household!.unitId)
      .then((chain) => { setUnits(chain); setUnitId(chain[0]?.id ?? '') })
      .catch((e) => { setUnits([]); setUnitsError(errorMessage(e)) })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me?.id, reportId])

  const submit = async () => {
    if (!title.trim()) { setError('请填写议题标题'); return }
    if (source !== 'report' && !unitId && !onBehalf) { setError('请选择议题所属单元'); return }
    setBusy(true)
    setError('')
    try {
      const topic = await createTopic(onBehalf ? { source: 'resident', title: title.trim(), body: body.trim(), onBehalfOfHouseholdId: onBehalf }
        : source === 'report' ? { source, reportId, title: title.trim(), body: body.trim() }
        : { source, unitId, title: title.trim(), body: body.trim() })
      Taro.redirectTo({ url: withQuery(routes.topicDetail, { id: topic.id }) })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous') {
    return (
      <View className='page'>
        <Empty title='请先登录' text='登录并绑定您家后可以提出议题。'>
          <ActionButton className='btn' onClick={() => goLogin({ url: hereUrl(routes.topicNew, params) })}>登录</ActionButton>
        </Empty>
      </View>
    )
  }
  if (!reportId && !resident && staff.length === 0 && me && needsNoHousehold(me.roles)) {
    // a rider or a department has no household to propose for: point them at what they can do
    return (
      <View className='page'>
        <Empty title='议题以住户名义提出' text='您的身份没有住户，不能提议题。看到问题可以用“随手拍”上报。'>
          <ActionButton className='btn' onClick={() => Taro.switchTab({ url: routes.report })}>去随手拍</ActionButton>
        </Empty>
      </View>
    )
  }
  if (!reportId && !resident && staff.length === 0) {
    return (
      <View className='page'>
        <Empty title='绑定您家后才能提议题' text='议题以住户名义提出，联名也按户计算。'>
          <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.bind })}>绑定我家</ActionButton>
        </Empty>
      </View>
    )
  }
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>{reportId ? '随手拍转为议题' : '提议题'}</Text></View>
      <View className='card'>
        {onBehalf ? (
          <Text className='hint' id='topic-on-behalf'>信息员代报：为 {decode(params.onBehalfAddress)} 提出，议题归属该户所在单元。</Text>
        ) : reportId ? (
          <Text className='hint' id='topic-from-report'>议题将关联这条上报，归属上报所在的网格；需要大家商量决定的事再转为议题。</Text>
        ) : (
          <>
            {!resident && (
              <View className='field'>
                <Text className='field__label'>议题来源</Text>
                <Chips id='topic-source' value={source} options={[{ value: 'mailbox', label: '意见箱' }, { value: 'grid_visit', label: '网格走访' }]}
                  onChange={(v) => setSource(v)} />
              </View>
            )}
            <View className='field'>
              <Text className='field__label'>议题所属单元</Text>
              {units === null ? <Loading text='正在加载单元…' /> : units.length === 0
                ? <FormError message={unitsError ? `单元加载失败：${unitsError}` : '没有可选的单元'} />
                : <Chips id='topic-unit' value={unitId} options={units.map((u) => ({ value: u.id, label: u.name }))} onChange={(v) => setUnitId(v)} />}
              <Text className='field__help'>{resident ? '选择这件事涉及的范围：本院坝/楼栋，或整个网格、社区。范围内的住户都可以联名。' : '录入的议题归属您负责的单元。'}</Text>
            </View>
          </>
        )}
        <View className='field'>
          <Text className='field__label'>标题</Text>
          <Input className='field__input' id='topic-title-input' aria-label='议题标题' value={title} maxlength={L.titleMax}
            placeholder='如：院坝路灯能否统一更换' onInput={(e) => { setTitle(e.detail.value); setError('') }} />
        </View>
        <View className='field'>
          <Text className='field__label'>说明</Text>
          <Textarea className='textarea' id='topic-body-input' aria-label='议题说明' value={body} maxlength={L.bodyMax}
            placeholder='现在的情况、希望怎么解决' onInput={(e) => setBody(e.detail.value)} />
        </View>
        <FormError message={error} id='topic-new-error' />
        <ActionButton className='btn' id='topic-submit' disabled={busy} loading={busy} onClick={() => void submit()}>
          {busy ? '正在提交…' : '提交议题'}
        </ActionButton>
        <Text className='hint'>提交后，本单元住户可以联名支持；达到 {L.defaultCosignThreshold} 户（默认）即列入议事会议议程。</Text>
      </View>
    </View>
  )
}
