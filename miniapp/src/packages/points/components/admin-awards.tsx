import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { POINTS_LIMITS } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../components/state-view'
import { errorMessage, loadFailure } from '../../../api/client'
import type { FailureKind } from '../../../api/client'
import { listHouseholds, type HouseholdT } from '../../../api/org'
import { approveAward, listAwards, proposeAward, type AwardT } from '../../../api/points'
import { formatDateTime, formatNumber } from '../../../format'

function ProposeForm({ unitId, onProposed }: { unitId: string; onProposed: (a: AwardT) => void }) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<HouseholdT[] | null>(null)
  const [who, setWho] = useState<{ userId: string; name: string } | null>(null)
  const [points, setPoints] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const search = async () => {
    setError('')
    try { setFound((await listHouseholds(unitId, q.trim() || undefined)).items) } catch (e) { setError(errorMessage(e)) }
  }
  const submit = async () => {
    const p = Number(points)
    if (!who) return setError('请先查找并选择奖励对象')
    if (!Number.isInteger(p) || p < 1 || p > POINTS_LIMITS.awardPointsMax) return setError(`积分须为 1 到 ${POINTS_LIMITS.awardPointsMax} 的整数`)
    if (!reason.trim()) return setError('请填写奖励理由（会公示）')
    setBusy(true); setError('')
    try {
      onProposed(await proposeAward({ recipient: { kind: 'user', userId: who.userId }, points: p, reason: reason.trim() }))
      setWho(null); setPoints(''); setReason(''); setFound(null)
    } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }
  return (
    <View className='card' id='award-new'>
      <Text className='card__title'>提议奖励</Text>
      <Text className='hint'>{POINTS_LIMITS.awardApprovalThreshold} 分以内立即发放；超过 {POINTS_LIMITS.awardApprovalThreshold} 分需另一位工作人员审批。奖励会在积分公示表中公开。</Text>
      <View className='field'><Text className='field__label'>查找居民（地址或户主姓名）</Text>
        <Input className='field__input' id='award-search' aria-label='查找居民' value={q} onInput={(e) => setQ(e.detail.value)} onConfirm={() => void search()} /></View>
      <ActionButton className='btn btn--ghost' id='award-search-go' onClick={() => void search()}>查找</ActionButton>
      {found && found.length === 0 && <Text className='muted'>没有找到，请换个关键词。</Text>}
      {found && found.slice(0, 10).map((h) => (
        <View key={h.id} className='row'>
          <Text className='row__label'>{h.address}</Text>
          <View>{h.members.length === 0 ? <Text className='muted'>无已绑定成员</Text> : h.members.map((m) => (
            <ActionButton key={m.userId} className={`btn btn--small ${who?.userId === m.userId ? '' : 'btn--ghost'}`} aria-pressed={who?.userId === m.userId}
              onClick={() => setWho({ userId: m.userId, name: `${m.displayName}（${h.address}）` })}>{m.displayName}</ActionButton>
          ))}</View>
        </View>
      ))}
      {who && <Text className='hint' id='award-who'>奖励对象：{who.name}</Text>}
      <View className='field'><Text className='field__label'>积分</Text>
        <Input className='field__input' id='award-points' aria-label='奖励积分' type='number' value={points} onInput={(e) => setPoints(e.detail.value)} /></View>
      <View className='field'><Text className='field__label'>理由</Text>
        <Input className='field__input' id='award-reason' aria-label='奖励理由' value={reason} maxlength={POINTS_LIMITS.awardReasonMax} onInput={(e) => setReason(e.detail.value)} /></View>
      <FormError message={error} />
      <ActionButton className='btn' id='award-submit' disabled={busy} loading={busy || undefined} onClick={() => void submit()}>提交</ActionButton>
    </View>
  )
}

function AwardCard({ a, onApproved }: { a: AwardT; onApproved?: (a: AwardT) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const approve = async () => {
    setBusy(true); setError('')
    try { onApproved?.(await approveAward(a.id)) } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }
  return (
    <View className='card' id={`award-${a.id}`}>
      <Text className='card__title'>{a.recipientName} +{formatNumber(a.points)} 分</Text>
      <Text className='muted'>{a.reason}</Text>
      <View className='row'><Text className='row__label'>提议人</Text><Text className='row__value'>{a.proposedByName}（{formatDateTime(a.createdAt)}）</Text></View>
      {a.approvedByName && <View className='row'><Text className='row__label'>审批人</Text><Text className='row__value'>{a.approvedByName}</Text></View>}
      <FormError message={error} />
      {onApproved && <ActionButton className='btn' id={`award-approve-${a.id}`} disabled={busy} loading={busy || undefined} onClick={() => void approve()}>批准发放</ActionButton>}
    </View>
  )
}

export default function AdminAwards({ unitId }: { unitId: string }) {
  const [s, setS] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; pending: AwardT[]; approved: AwardT[] }>({ status: 'loading' })
  const load = useCallback(() => {
    setS({ status: 'loading' })
    Promise.all([listAwards(unitId, 'pending'), listAwards(unitId, 'approved')])
      .then(([p, a]) => setS({ status: 'ready', pending: p.items, approved: a.items }))
      .catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [unitId])
  useEffect(load, [load])
  if (s.status === 'loading') return <Loading />
  if (s.status === 'error') return <ErrorState message={s.message} kind={s.kind} onRetry={load} />
  const add = (a: AwardT) => setS(a.status === 'pending' ? { ...s, pending: [a, ...s.pending] } : { ...s, approved: [a, ...s.approved] })
  const approved = (a: AwardT) => setS({ status: 'ready', pending: s.pending.filter((x) => x.id !== a.id), approved: [a, ...s.approved] })
  return (
    <View>
      <ProposeForm unitId={unitId} onProposed={add} />
      <Text className='card__title'>待审批</Text>
      {s.pending.length === 0 ? <Empty title='没有待审批的奖励' /> : s.pending.map((a) => <AwardCard key={a.id} a={a} onApproved={approved} />)}
      <Text className='card__title'>已发放（公示）</Text>
      {s.approved.length === 0 ? <Empty title='还没有已发放的奖励' /> : s.approved.map((a) => <AwardCard key={a.id} a={a} />)}
    </View>
  )
}
