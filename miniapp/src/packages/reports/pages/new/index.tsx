import { useEffect, useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { REPORT_LIMITS, isReadOnlyAccount, categoryNeedsText } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, FormError } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getMe } from '../../../../api/auth'
import {
  createReport, listCategories, listNearby, newReportKey, supportReport, type NearbyReportT, type ReportCategoryT,
} from '../../../../api/reports'
import { routes, withQuery } from '../../../../routes'
import PhotoPicker, { photoIds, uploading, type PhotoItem } from '../../../../components/photo-picker'
import { statusLabel } from '../../report-text'
import PlaceField, { placeBody, type Where } from '../../../../location/place-field'
import { subscriptions } from '../../../../subscribe'
import '../../reports.css'

type Cats = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'read_only' } | { status: 'ready'; items: ReportCategoryT[] }

/** what is missing before a report can be filed, in the order the form asks for it */
export function missingForReport(d: { category: string; photos: PhotoItem[]; where: Where; description: string; address?: string }): string {
  if (photoIds(d.photos).length < REPORT_LIMITS.photosMin) return uploading(d.photos) ? '照片还在上传，请稍候' : '请至少拍一张照片'
  if (uploading(d.photos)) return '照片还在上传，请稍候'
  if (!d.category) return '请选择问题类别'
  // a typed address alone places a report (the server finds the building or grid it names)
  if (d.where.status !== 'ok' && !d.address?.trim()) return '请在地图上选择位置，或填写地址'
  // text is optional (a rider snaps and goes on); only a category that says nothing by itself needs it
  if (!d.description.trim() && categoryNeedsText(d.category)) return '请用一句话说明是什么问题'
  return ''
}

export default function NewReport() {
  const [cats, setCats] = useState<Cats>({ status: 'loading' })
  const [category, setCategory] = useState('')
  const [photos, setPhotos] = useState<PhotoItem[]>([])
  const [where, setWhere] = useState<Where>({ status: 'idle' })
  const [address, setAddress] = useState('')
  const [description, setDescription] = useState('')
  const [anonymous, setAnonymous] = useState(false)
  // 信息员代报: filed for a household of the courtyard that is not online (picked on 选择住户)
  const params: Record<string, string | undefined> = useRouter()?.params ?? {} // none where the form is shown without a route (tests)
  const onBehalf = params.onBehalf || undefined
  const [nearby, setNearby] = useState<NearbyReportT[]>([])
  const [supported, setSupported] = useState<Record<string, number>>({})
  const [supportBusy, setSupportBusy] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  // one key for this draft: a retry after a lost response returns the same report
  const key = useRef(newReportKey())

  const loadCats = () => {
    setCats({ status: 'loading' })
    // the categories of the reporter's community (its own ones, its SLAs); the defaults if that is unknown
    getMe().then((me) => me, () => undefined).then(async (me) => {
      // a supervisor's account writes nothing (the server refuses it): say so rather than offer a form
      if (me && isReadOnlyAccount(me.roles)) return setCats({ status: 'read_only' })
      const r = await listCategories(me?.household?.unitId ?? me?.roles[0]?.unitId)
      setCats({ status: 'ready', items: r.items })
    }).catch((e) => setCats({ status: 'error', ...loadFailure(e) }))
  }
  useEffect(() => { loadCats(); void subscriptions.prepare() }, [])

  // before filing: the same problem nearby may already be reported
  const spot = where.status === 'ok' && where.place.lat !== undefined ? where.place : null
  useEffect(() => {
    if (!spot || spot.lat === undefined || spot.lng === undefined || !category) { setNearby([]); return }
    let live = true
    listNearby({ lat: spot.lat, lng: spot.lng, coordSystem: spot.coordSystem, category })
      .then((r) => { if (live) setNearby(r.items) })
      .catch(() => { if (live) setNearby([]) })
    return () => { live = false }
  }, [spot?.lat, spot?.lng, category])

  async function support(id: string) {
    setSupportBusy(id)
    try {
      const r = await supportReport(id)
      setSupported((s) => ({ ...s, [id]: r.supportCount }))
      Taro.showToast({ title: '已记录，谢谢您', icon: 'success' }).catch(() => undefined)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSupportBusy('')
    }
  }

  async function submit() {
    const missing = missingForReport({ category, photos, where, description, address })
    if (missing) return setError(missing)
    setError('')
    setBusy(true)
    try {
      // WeChat opens its 订阅 dialog only inside the tap (before any await), so 提交 asks first, then files
      await subscriptions.ask('report_filed', key.current)
      const r = await createReport({
        category, description: description.trim(), photoIds: photoIds(photos), ...placeBody(where, address), anonymous, onBehalfOfHouseholdId: onBehalf,
      }, key.current)
      Taro.redirectTo({ url: withQuery(routes.reportDetail, { id: r.id, created: '1' }) })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (cats.status === 'loading') return <View className='page'><Loading /></View>
  if (cats.status === 'error') return <View className='page'><ErrorState message={cats.message} kind={cats.kind} onRetry={loadCats} /></View>
  if (cats.status === 'read_only') {
    return (
      <View className='page reports'>
        <View role='heading' aria-level={1} className='h1'><Text>我要上报</Text></View>
        <View className='card' id='report-read-only'>
          <View><Text>监督员账号只能查看，不能上报或点“我也遇到了”。</Text></View>
          <View><Text className='muted'>监督不参与被监督的事务。如需以居民身份反映问题，请用个人微信登录。</Text></View>
          <ActionButton className='btn btn--ghost' onClick={() => Taro.redirectTo({ url: routes.reportFeed })}>看看大家的上报</ActionButton>
        </View>
      </View>
    )
  }

  return (
    <View className='page reports'>
      <View role='heading' aria-level={1} className='h1'><Text>我要上报</Text></View>
      {onBehalf && <View className='card' id='report-on-behalf'><Text>信息员代报：为 {decodeURIComponent(params.onBehalfAddress ?? '')} 上报</Text></View>}
      <View className='card'>
        <PhotoPicker id='report-photos' label='现场照片' items={photos} onChange={setPhotos} max={REPORT_LIMITS.photosMax} takeHandedPhotos />

        <View className='field'>
          <Text className='field__label'>问题类别</Text>
          <View className='choice-row' id='report-category' role='radiogroup'>
            {cats.items.map((c) => (
              <ActionButton key={c.code} id={`report-category-${c.code}`} aria-pressed={category === c.code}
                className={`btn btn--small ${category === c.code ? '' : 'btn--ghost'}`} onClick={() => setCategory(c.code)}>
                {c.name}
              </ActionButton>
            ))}
          </View>
        </View>

        <PlaceField where={where} onWhere={setWhere} address={address} onAddress={setAddress} />

        <View className='field'>
          <Text className='field__label'>{categoryNeedsText(category) ? '说明是什么问题（必填）' : '补充说明（选填）'}</Text>
          <Input className='field__input' id='report-description' placeholder='例如：路灯不亮了' maxlength={REPORT_LIMITS.descriptionMax}
            value={description} onInput={(e) => setDescription(e.detail.value)} />
        </View>

        <View className='field'>
          <ActionButton id='report-anonymous' aria-pressed={anonymous} className={`btn btn--small ${anonymous ? '' : 'btn--ghost'}`}
            onClick={() => setAnonymous(!anonymous)}>
            {anonymous ? '✓ 匿名上报' : '匿名上报'}
          </ActionButton>
          <Text className='field__help'>匿名后，网格员和公众都看不到是谁上报的。</Text>
        </View>
      </View>

      {nearby.length > 0 && (
        <View className='card reports__nearby' id='report-nearby'>
          <Text className='card__title'>附近已有同类问题</Text>
          <Text className='muted'>如果是同一个问题，点“我也遇到了”即可，不用重复上报。</Text>
          {nearby.map((n) => (
            <View className='row' key={n.id}>
              <Text className='row__label'>{n.description ?? '（内容审核中）'} · {statusLabel(n.status)} · {n.distance} 米 · {supported[n.id] ?? n.supportCount} 人遇到</Text>
              {supported[n.id] !== undefined ? (
                <Text className='tag'>已记录</Text>
              ) : (
                <ActionButton className='btn btn--small' id={`report-support-${n.id}`} disabled={!!supportBusy}
                  loading={supportBusy === n.id} onClick={() => support(n.id)}>我也遇到了</ActionButton>
              )}
            </View>
          ))}
        </View>
      )}

      <FormError message={error} id='report-error' />
      <ActionButton className='btn reports__submit' id='report-submit' disabled={busy || uploading(photos)} loading={busy} onClick={submit}>
        {busy ? '正在提交…' : nearby.length > 0 ? '仍要上报新问题' : '提交上报'}
      </ActionButton>
      <Text className='hint'>问题受理后，您会获得积分。</Text>
    </View>
  )
}
