import { useCallback, useEffect, useState } from 'react'
import '../../org.css'
import { View, Text, Input } from '@tarojs/components'
import ActionButton from '../../../../components/action-button'
import Taro, { useRouter } from '@tarojs/taro'
import { UnitKindLabel } from '@linli/shared'
import { createHousehold, getUnit, getUnitChildren, issueBindingCode, type BindingCodeT, type HouseholdT, type UnitT } from '../../../../api/org'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { Loading, ErrorState, FormError } from '../../../../components/state-view'
import { formatDateTime } from '../../../../format'

interface LeafOption { id: string; label: string }

/** Leaf units (buildings, courtyards...) under the unit, two levels deep at most. */
async function leafUnits(root: UnitT): Promise<LeafOption[]> {
  const out: LeafOption[] = []
  const walk = async (u: UnitT, path: string, depth: number) => {
    const kids = depth < 3 ? (await getUnitChildren(u.id)).items : []
    if (kids.length === 0) { out.push({ id: u.id, label: path || `${u.name}（${UnitKindLabel[u.kind]}）` }); return }
    for (const k of kids) await walk(k, path ? `${path} / ${k.name}` : k.name, depth + 1)
  }
  await walk(root, '', 0)
  return out
}

export default function HouseholdNew() {
  const { params } = useRouter()
  const unitId = params.unitId ?? ''
  const [opts, setOpts] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: LeafOption[] }>({ status: 'loading' })
  const [leaf, setLeaf] = useState('')
  const [address, setAddress] = useState('')
  const [headName, setHeadName] = useState('')
  const [area, setArea] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [created, setCreated] = useState<HouseholdT | null>(null)
  const [code, setCode] = useState<BindingCodeT | null>(null)

  const load = useCallback(async () => {
    setOpts({ status: 'loading' })
    try {
      const items = await leafUnits(await getUnit(unitId))
      setOpts({ status: 'ready', items })
      if (items.length === 1) setLeaf(items[0].id)
    } catch (e) {
      setOpts({ status: 'error', ...loadFailure(e) })
    }
  }, [unitId])
  useEffect(() => { void load() }, [load])

  const submit = async () => {
    setError('')
    if (!leaf) { setError('请选择所在楼栋/院坝'); return }
    if (!address.trim()) { setError('请填写地址'); return }
    const areaNum = area.trim() ? Number(area) : undefined
    if (areaNum !== undefined && !(areaNum > 0 && areaNum <= 100000)) { setError('面积请填写大于 0 的数字'); return }
    setBusy(true)
    try {
      setCreated(await createHousehold(unitId, {
        unitId: leaf, address: address.trim(), headName: headName.trim() || undefined,
        area: areaNum !== undefined ? Math.round(areaNum * 100) / 100 : undefined,
      }))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const issue = async () => {
    if (!created) return
    setBusy(true)
    setError('')
    try { setCode(await issueBindingCode(created.id)) } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }

  if (created) {
    return (
      <View className='page'>
        <View className='card' role='status'>
          <View role='heading' aria-level={1} className='h1'><Text>已新建住户</Text></View>
          <Text className='muted'>{created.address}（{created.unitName}）</Text>
          {code ? (
            <View className='code-card'>
              <Text className='code-card__label'>绑定码（只显示这一次，请抄给住户）</Text>
              <Text className='code-card__code' selectable>{code.code}</Text>
              <Text className='code-card__exp'>有效期至 {formatDateTime(code.expiresAt)}</Text>
            </View>
          ) : (
            <ActionButton className='btn' disabled={busy} onClick={() => void issue()}>生成绑定码</ActionButton>
          )}
          <FormError message={error} />
          <ActionButton className='btn btn--ghost' onClick={() => Taro.navigateBack()}>返回名册</ActionButton>
        </View>
      </View>
    )
  }

  return (
    <View className='page'>
      <View className='card'>
        <View role='heading' aria-level={1} className='h1'><Text>新建住户</Text></View>
        <View className='field'>
          <Text className='field__label'>所在楼栋/院坝</Text>
          {opts.status === 'loading' && <Loading text='正在加载单位…' />}
          {opts.status === 'error' && <ErrorState message={opts.message} kind={opts.kind} onRetry={() => void load()} />}
          {opts.status === 'ready' && (
            <View className='chips'>
              {opts.items.map((o) => (
                <ActionButton key={o.id} className={`btn btn--small chip ${leaf === o.id ? '' : 'btn--ghost'}`} aria-pressed={leaf === o.id}
                  onClick={() => setLeaf(o.id)}>{o.label}</ActionButton>
              ))}
            </View>
          )}
        </View>
        <View className='field'>
          <Text className='field__label'>地址（门牌）</Text>
          <Input className='field__input' id='new-address' aria-label='地址' value={address} placeholder='例如 3栋2单元501'
            onInput={(e) => setAddress(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>户主姓名（可不填）</Text>
          <Input className='field__input' id='new-head' aria-label='户主姓名' value={headName} onInput={(e) => setHeadName(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>专有部分面积（平方米，可不填）</Text>
          <Input className='field__input' id='new-area' aria-label='面积（平方米）' type='digit' value={area} onInput={(e) => setArea(e.detail.value)} />
        </View>
        <FormError message={error} />
        <ActionButton className='btn' id='new-submit' disabled={busy} loading={busy || undefined} onClick={() => void submit()}>保存</ActionButton>
      </View>
    </View>
  )
}
