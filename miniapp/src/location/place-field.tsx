import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { PlaceQuery, ReportPlace, REPORT_LIMITS } from '@linli/shared'
import ActionButton from '../components/action-button'
import { request } from '../api/client'
import MapPicker from './map-picker'
import { chooseOnWeappMap, locateHere, pickMode, type PickMode, type Place } from './adapter'
import './location.css'

export type Where = { status: 'idle' | 'locating' } | { status: 'ok'; place: Place; area?: string } | { status: 'failed'; message: string }

/** the server's name for a located point (its grid); nothing when it cannot say */
async function areaOf(p: Place): Promise<string | undefined> {
  if (p.lat === undefined || p.lng === undefined) return undefined
  const query = PlaceQuery.parse({ lat: p.lat, lng: p.lng, coordSystem: p.coordSystem })
  return request('GET', '/reports/place', { query, schema: ReportPlace }).then((r) => r.unitName || undefined, () => undefined)
}

/**
 * 位置 on the report form: locates the user at once, offers the map where there is one (WeChat's,
 * or the H5 picker with a map key) and always the address text, which alone also places a report.
 * Shows a place's name, the grid it lies in, never coordinates.
 */
export default function PlaceField({ where, onWhere, address, onAddress }: {
  where: Where; onWhere: (w: Where) => void; address: string; onAddress: (v: string) => void
}) {
  const [mode, setMode] = useState<PickMode | null>(null)
  const [picking, setPicking] = useState(false)
  const [notice, setNotice] = useState('')

  const settle = (place: Place) => {
    setNotice('')
    onWhere({ status: 'ok', place })
    // a bare point: name it by its grid (a map place has its own name)
    if (!place.name) void areaOf(place).then((area) => { if (area) onWhere({ status: 'ok', place, area }) })
  }
  const findMe = () => {
    onWhere({ status: 'locating' })
    locateHere().then(settle, () => onWhere({ status: 'failed', message: '没有取得您的位置（可能没有允许定位）。' }))
  }
  useEffect(() => { void pickMode().then(setMode); findMe() }, [])

  const openMap = () => {
    if (mode?.kind === 'h5-map') return setPicking(true)
    chooseOnWeappMap(where.status === 'ok' ? where.place : undefined).then(settle)
      .catch((e: { errMsg?: string }) => { if (!/cancel/i.test(e?.errMsg ?? '')) setNotice('无法打开地图选点，请稍后重试，或在下面填写地址') })
  }
  const picked = useCallback((p: Place) => { setPicking(false); settle(p) }, [])
  const hasMap = mode?.kind === 'weapp' || mode?.kind === 'h5-map'
  const place = where.status === 'ok' ? where.place : null

  return (
    <View className='field' id='report-location'>
      <Text className='field__label'>位置</Text>
      {where.status === 'locating' && <View className='muted' role='status'>正在定位…</View>}
      {place && (
        <View className='place' id='report-location-ok'>
          <Text className='place__name'>{place.name ?? (where.status === 'ok' && where.area ? `${where.area}范围内` : '已定位到您当前的位置')}</Text>
          <Text className='place__address'>{place.name ? place.address ?? '' : where.status === 'ok' && where.area ? '您当前所在的位置' : ''}</Text>
        </View>
      )}
      {where.status === 'failed' && (
        <View className='muted' role='alert' id='report-location-failed'>
          {where.message}{hasMap ? '请在地图上选择问题所在的位置，或在下面填写地址。' : '请在下面填写地址或楼栋名称。'}
        </View>
      )}
      {notice && <View className='muted' role='alert' id='report-location-notice'>{notice}</View>}
      <View className='place__buttons'>
        {hasMap && <ActionButton className='btn btn--small' id='report-pick-map' onClick={openMap}>在地图上选择</ActionButton>}
        {where.status !== 'locating' && (
          <ActionButton className='btn btn--small btn--ghost' id='report-locate' onClick={findMe}>{place?.source === 'here' ? '重新定位' : '用我的当前位置'}</ActionButton>
        )}
      </View>
      <Text className='field__label' id='report-address-label'>{place ? '详细地点（选填）' : '地址或楼栋名称'}</Text>
      <Input className='field__input' id='report-address' aria-labelledby='report-address-label' maxlength={REPORT_LIMITS.addressMax}
        placeholder={place ? '例如 3栋楼下、北门路口' : '例如 幸福花园3栋、北门路口'} value={address} onInput={(e) => onAddress(e.detail.value)} />
      {picking && mode?.kind === 'h5-map' && <MapPicker url={mode.pickerUrl} onPick={picked} onClose={() => setPicking(false)} />}
    </View>
  )
}

/** what the form sends: the coordinates when known, the map's name, and the address text */
export function placeBody(where: Where, address: string) {
  const p = where.status === 'ok' ? where.place : undefined
  const text = [p?.address, address.trim()].filter(Boolean).join(' ').slice(0, REPORT_LIMITS.addressMax)
  return {
    ...(p?.lat !== undefined && p.lng !== undefined ? { lat: p.lat, lng: p.lng } : {}),
    coordSystem: p?.coordSystem ?? 'wgs84',
    placeName: p?.name,
    address: text || undefined,
  }
}
