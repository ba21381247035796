import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import { POINTS_LIMITS } from '@linli/shared'
import ActionButton from '../../../components/action-button'
import { Loading, ErrorState, Empty, FormError } from '../../../components/state-view'
import { errorMessage, loadFailure } from '../../../api/client'
import type { FailureKind } from '../../../api/client'
import { createItem, listItems, updateItem, type ShopItemT } from '../../../api/points'
import { formatNumber } from '../../../format'

const int = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

function NewItemForm({ shopUnitId, onCreated }: { shopUnitId: string; onCreated: (i: ShopItemT) => void }) {
  const [name, setName] = useState('')
  const [desc, setDesc] = useState('')
  const [price, setPrice] = useState('')
  const [stock, setStock] = useState('')
  const [limit, setLimit] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const submit = async () => {
    const p = int(price); const s = int(stock); const l = limit.trim() ? int(limit) : null
    if (!name.trim()) return setError('请填写商品名称')
    if (!(p >= 1 && p <= POINTS_LIMITS.itemPriceMax)) return setError('所需积分须为 1 以上的整数')
    if (!(s >= 0 && s <= POINTS_LIMITS.itemStockMax)) return setError('库存须为 0 以上的整数')
    if (l !== null && !(l >= 1 && l <= 1000)) return setError('每人每月限兑须为 1 到 1000 的整数，不限请留空')
    setBusy(true); setError('')
    try {
      const item = await createItem({ shopUnitId, name: name.trim(), description: desc.trim(), pricePoints: p, stock: s, monthlyLimit: l })
      setName(''); setDesc(''); setPrice(''); setStock(''); setLimit('')
      onCreated(item)
    } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }
  return (
    <View className='card' id='item-new'>
      <Text className='card__title'>上架新商品</Text>
      <View className='field'><Text className='field__label'>商品名称</Text>
        <Input className='field__input' id='item-name' aria-label='商品名称' value={name} maxlength={POINTS_LIMITS.itemNameMax} onInput={(e) => setName(e.detail.value)} /></View>
      <View className='field'><Text className='field__label'>说明（可不填）</Text>
        <Textarea className='points__textarea' id='item-desc' aria-label='商品说明' value={desc} maxlength={POINTS_LIMITS.itemDescriptionMax} onInput={(e) => setDesc(e.detail.value)} /></View>
      <View className='field'><Text className='field__label'>所需积分</Text>
        <Input className='field__input' id='item-price' aria-label='所需积分' type='number' value={price} onInput={(e) => setPrice(e.detail.value)} /></View>
      <View className='field'><Text className='field__label'>库存（件）</Text>
        <Input className='field__input' id='item-stock' aria-label='库存' type='number' value={stock} onInput={(e) => setStock(e.detail.value)} /></View>
      <View className='field'><Text className='field__label'>每人每月限兑（件，不限请留空）</Text>
        <Input className='field__input' id='item-limit' aria-label='每人每月限兑' type='number' value={limit} onInput={(e) => setLimit(e.detail.value)} /></View>
      <FormError message={error} id='item-new-error' />
      <ActionButton className='btn' id='item-create' disabled={busy} loading={busy || undefined} onClick={() => void submit()}>上架</ActionButton>
    </View>
  )
}

function ItemEditor({ item, canEdit, onSaved }: { item: ShopItemT; canEdit: boolean; onSaved: (i: ShopItemT) => void }) {
  const [price, setPrice] = useState(String(item.pricePoints))
  const [add, setAdd] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const active = !item.activeTo || new Date(item.activeTo).getTime() > Date.now()
  const save = async (body: Parameters<typeof updateItem>[1]) => {
    setBusy(true); setError('')
    try { onSaved(await updateItem(item.id, body)); setAdd('') } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }
  const submit = () => {
    const p = int(price); const a = add.trim() ? int(add) : 0
    if (!(p >= 1)) return setError('所需积分须为 1 以上的整数')
    if (Number.isNaN(a)) return setError('补货数量须为整数（减少库存填负数）')
    const body: Parameters<typeof updateItem>[1] = {}
    if (p !== item.pricePoints) body.pricePoints = p
    if (a !== 0) body.addStock = a
    if (Object.keys(body).length === 0) return setError('没有修改')
    void save(body)
  }
  return (
    <View className='card' id={`admin-item-${item.id}`}>
      <Text className='card__title'>{item.name}{active ? '' : '（已下架）'}</Text>
      <View className='row'><Text className='row__label'>所需积分</Text><Text className='row__value'>{formatNumber(item.pricePoints)} 分</Text></View>
      <View className='row'><Text className='row__label'>库存</Text><Text className='row__value' id={`admin-item-stock-${item.id}`}>{item.stock} 件</Text></View>
      {canEdit && (
        <>
          <View className='field'><Text className='field__label'>改为所需积分</Text>
            <Input className='field__input' aria-label={`${item.name}所需积分`} type='number' value={price} onInput={(e) => setPrice(e.detail.value)} /></View>
          <View className='field'><Text className='field__label'>补货数量（减少填负数）</Text>
            <Input className='field__input' aria-label={`${item.name}补货数量`} type='number' value={add} onInput={(e) => setAdd(e.detail.value)} /></View>
          <FormError message={error} />
          <ActionButton className='btn btn--ghost' disabled={busy} loading={busy || undefined} onClick={submit}>保存修改</ActionButton>
          {active
            ? <ActionButton className='btn btn--danger' disabled={busy} onClick={() => void save({ activeTo: new Date().toISOString() })}>下架</ActionButton>
            : <ActionButton className='btn btn--ghost' disabled={busy} onClick={() => void save({ activeTo: null, activeFrom: new Date().toISOString() })}>重新上架</ActionButton>}
        </>
      )}
    </View>
  )
}

export default function AdminItems({ unitId, canEdit }: { unitId: string; canEdit: boolean }) {
  const [s, setS] = useState<{ status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; items: ShopItemT[] }>({ status: 'loading' })
  const load = useCallback(() => {
    setS({ status: 'loading' })
    listItems(unitId, { all: true }).then((p) => setS({ status: 'ready', items: p.items })).catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [unitId])
  useEffect(load, [load])
  if (s.status === 'loading') return <Loading />
  if (s.status === 'error') return <ErrorState message={s.message} kind={s.kind} onRetry={load} />
  const put = (i: ShopItemT) => setS({ status: 'ready', items: s.items.some((x) => x.id === i.id) ? s.items.map((x) => (x.id === i.id ? i : x)) : [i, ...s.items] })
  return (
    <View>
      {canEdit && <NewItemForm shopUnitId={unitId} onCreated={put} />}
      {s.items.length === 0 ? <Empty title='还没有商品' /> : s.items.map((i) => <ItemEditor key={i.id} item={i} canEdit={canEdit} onSaved={put} />)}
    </View>
  )
}
