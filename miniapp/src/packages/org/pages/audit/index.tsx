import { useCallback, useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { AuditEntities, AuditEntityLabel, RoleLabel } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import ExportButton from '../../../../components/export-button'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { ApiError, errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { listAudit, type AuditEntryT } from '../../../../api/audit'
import { getUnitChildren } from '../../../../api/org'
import { formatDateTime } from '../../../../format'
import '../../org.css'

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  /** the unit is above the communities (a street): pick one below */
  | { status: 'pick'; units: { id: string; name: string }[] }
  | { status: 'ready'; items: AuditEntryT[]; nextCursor: string | null; more?: boolean }

export function entityLabel(entity: string): string {
  return (AuditEntityLabel as Record<string, string>)[entity] ?? entity
}
function actorLabel(e: AuditEntryT): string {
  if (!e.actor) return '系统'
  const roles = e.actor.roles.map((r) => RoleLabel[r] ?? r).join('、') || '居民'
  return `${e.actor.displayName ?? '已注销的用户'}（${roles}）`
}

export function AuditItem({ e }: { e: AuditEntryT }) {
  return (
    <View className='card audit__item' id={`audit-${e.id}`}>
      <Text className='card__title' id={`audit-${e.id}-action`}>{e.actionLabel}</Text>
      <View className='row'><Text className='row__label'>时间</Text><Text className='row__value' id={`audit-${e.id}-at`}>{formatDateTime(e.at)}</Text></View>
      <View className='row'><Text className='row__label'>操作人</Text><Text className='row__value' id={`audit-${e.id}-actor`}>{actorLabel(e)}</Text></View>
      {/* the thing by its name (read now, see audit.names.ts); never its id */}
      <View className='row'><Text className='row__label'>{e.entityLabel}</Text><Text className='row__value' id={`audit-${e.id}-entity`}>{e.entityName ?? '（已不存在）'}</Text></View>
    </View>
  )
}

/** The list with its entity filter and 加载更多; the page gives it the unit. */
export function AuditLog({ unitId: start }: { unitId: string }) {
  const [unitId, setUnitId] = useState(start)
  const [unitName, setUnitName] = useState('')
  const [entity, setEntity] = useState('')
  const [state, setState] = useState<State>({ status: 'loading' })
  // a response for a filter no longer chosen is dropped
  const seq = useRef(0)
  const load = useCallback(async () => {
    const mine = ++seq.current
    if (!unitId) { setState({ status: 'error', message: '缺少单位参数，请从工作台进入' }); return }
    setState({ status: 'loading' })
    try {
      const page = await listAudit(unitId, { entity: entity || undefined })
      if (mine === seq.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'audit.not_a_community') {
        try {
          const below = await getUnitChildren(unitId)
          if (mine === seq.current) setState({ status: 'pick', units: below.items.map((u) => ({ id: u.id, name: u.name })) })
        } catch (e2) {
          if (mine === seq.current) setState({ status: 'error', ...loadFailure(e2) })
        }
        return
      }
      if (mine === seq.current) setState({ status: 'error', ...loadFailure(e) })
    }
  }, [unitId, entity])
  useEffect(() => { void load() }, [load])

  const more = async () => {
    if (state.status !== 'ready' || !state.nextCursor || state.more) return
    const mine = seq.current
    setState({ ...state, more: true })
    try {
      const page = await listAudit(unitId, { entity: entity || undefined }, state.nextCursor)
      if (mine === seq.current) setState({ status: 'ready', items: [...state.items, ...page.items], nextCursor: page.nextCursor })
    } catch (e) {
      if (mine !== seq.current) return
      Taro.showToast({ title: errorMessage(e), icon: 'none' })
      setState({ ...state, more: false })
    }
  }

  if (state.status === 'pick') {
    return (
      <View>
        <Text className='hint'>审计日志按社区记录，请选择要查看的单位：</Text>
        {state.units.length === 0 ? <Empty title='下面没有社区' /> : (
          <View className='chips' role='group' aria-label='选择社区'>
            {state.units.map((u) => (
              <ActionButton key={u.id} id={`audit-unit-${u.id}`} className='btn btn--small btn--ghost'
                onClick={() => { setUnitName(u.name); setUnitId(u.id) }}>{u.name}</ActionButton>
            ))}
          </View>
        )}
      </View>
    )
  }
  return (
    <View>
      {unitName && (
        <View className='row'>
          <Text className='row__label'>社区</Text><Text className='row__value' id='audit-unit-name'>{unitName}</Text>
          <ActionButton className='btn btn--small btn--ghost' id='audit-unit-back' onClick={() => { setUnitName(''); setUnitId(start) }}>换一个</ActionButton>
        </View>
      )}
      <ExportButton unitId={unitId} dataset='audit' filters={{ entity: entity || undefined }} />
      <View className='chips audit__filter' role='group' aria-label='按对象类型筛选'>
        {['', ...AuditEntities].map((k) => (
          <ActionButton key={k || 'all'} id={`audit-filter-${k || 'all'}`} className={`btn btn--small ${k === entity ? '' : 'btn--ghost'}`}
            aria-pressed={k === entity} onClick={() => setEntity(k)}>{k ? entityLabel(k) : '全部'}</ActionButton>
        ))}
      </View>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} kind={state.kind} onRetry={() => void load()} />}
      {state.status === 'ready' && state.items.length === 0 && (
        <Empty title='没有审计记录' text={entity ? `还没有关于「${entityLabel(entity)}」的变更记录。` : '本社区还没有变更记录。'} />
      )}
      {state.status === 'ready' && state.items.map((e) => <AuditItem key={e.id} e={e} />)}
      {state.status === 'ready' && state.nextCursor && (
        <ActionButton className='btn btn--ghost' id='audit-more' disabled={state.more} loading={state.more || undefined} onClick={() => void more()}>
          加载更多
        </ActionButton>
      )}
    </View>
  )
}

/** 审计日志: every change in the unit's community, newest first (admins and supervisors; read-only). */
export default function Audit() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const name = decodeURIComponent(params.name ?? '')
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>审计日志{name ? `·${name}` : ''}</Text></View>
      <Text className='hint'>本社区的全部变更记录，只读。时间为北京时间。</Text>
      <AuditLog unitId={unitId} />
    </View>
  )
}
