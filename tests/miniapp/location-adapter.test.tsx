/**
 * The location adapter's choices, through Taro's own APIs (spied) and the server (Taro.request):
 * weapp → WeChat's map (chooseLocation, GCJ-02) and openLocation; H5 with a map key → the picker
 * frame, believed only from its origin; H5 without → the address text. Never coordinates on screen.
 */
import { useState } from 'react'
import { render, fireEvent, waitFor, act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PlaceField, { placeBody, type Where } from '../../miniapp/src/location/place-field'
import { pickMode } from '../../miniapp/src/location/adapter'
import ReportView from '../../miniapp/src/packages/reports/components/report-view'
import { saveTokens } from '../../miniapp/src/api/tokens'
import { makeReport, ok } from './reports-fixtures'

const PICKER = 'https://apis.map.qq.com/tools/locpicker?search=1&type=1&key=TEST-KEY&referer=%E9%82%BB%E9%87%8C'
const byId = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement
const COORDS = /\d+\.\d{3,}/ // what a latitude or longitude looks like

function server(picker: string | null) {
  return jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string }) => {
    if (o.url === '/api/v1/report-map') return ok({ picker })
    if (o.url.startsWith('/api/v1/reports/place')) return ok({ unitName: '幸福社区第一网格' })
    return ok({ error: { code: 'not_found', message: '未找到' } }, 404)
  }) as any)
}

let last: { where: Where; address: string } = { where: { status: 'idle' }, address: '' }
function Form() {
  const [where, setWhere] = useState<Where>({ status: 'idle' })
  const [address, setAddress] = useState('')
  last = { where, address }
  return <PlaceField where={where} onWhere={setWhere} address={address} onAddress={setAddress} />
}

describe('location adapter', () => {
  const env = process.env.TARO_ENV
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any))
  afterEach(() => { process.env.TARO_ENV = env; jest.restoreAllMocks() })

  it('weapp: locates in GCJ-02, picks on WeChat\'s map, shows the building\'s name; no map key asked for', async () => {
    process.env.TARO_ENV = 'weapp'
    // WeChat's privacy consent, already given
    jest.spyOn(Taro, 'onNeedPrivacyAuthorization').mockImplementation(() => undefined)
    const consent = jest.spyOn(Taro, 'requirePrivacyAuthorize').mockImplementation(((o: { success: () => void }) => o.success()) as any)
    const req = server(null)
    const located = jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 30.64877, longitude: 104.08446, errMsg: 'ok' } as any)
    const chosen = jest.spyOn(Taro, 'chooseLocation').mockResolvedValue({ name: '幸福花园3栋', address: '锦江区幸福路12号', latitude: 30.6489, longitude: 104.0845, errMsg: 'ok' } as any)
    const { container } = render(<Form />)
    await waitFor(() => expect(byId(container, 'report-location-ok').textContent).toContain('幸福社区第一网格范围内'))
    expect(located.mock.calls[0][0]).toMatchObject({ type: 'gcj02' })
    expect(consent).toHaveBeenCalled()
    expect(req.mock.calls.some(([o]: any) => o.url === '/api/v1/report-map')).toBe(false)
    await act(async () => { fireEvent.click(byId(container, 'report-pick-map')) })
    expect(chosen.mock.calls[0][0]).toMatchObject({ latitude: 30.64877, longitude: 104.08446 }) // opens where the user is
    await waitFor(() => expect(byId(container, 'report-location-ok').textContent).toContain('幸福花园3栋'))
    expect(byId(container, 'report-location-ok').textContent).toContain('锦江区幸福路12号')
    expect(container.textContent).not.toMatch(COORDS)
    expect(placeBody(last.where, ' 楼下 ')).toEqual({ lat: 30.6489, lng: 104.0845, coordSystem: 'gcj02', placeName: '幸福花园3栋', address: '锦江区幸福路12号 楼下' })
  })

  it('H5 with a map key: the picker opens in a frame; only its own origin\'s answer is taken', async () => {
    server(PICKER)
    jest.spyOn(Taro, 'getLocation').mockRejectedValue({ errMsg: 'getLocation:fail' })
    const chosen = jest.spyOn(Taro, 'chooseLocation')
    const { container } = render(<Form />)
    await waitFor(() => expect(byId(container, 'report-pick-map')).toBeTruthy())
    expect(byId(container, 'report-location-failed').textContent).toContain('请在地图上选择')
    fireEvent.click(byId(container, 'report-pick-map'))
    const frame = byId(document.body, 'map-picker-frame') as HTMLIFrameElement
    expect(frame.getAttribute('src')).toBe(PICKER)
    const answer = { module: 'locationPicker', latlng: { lat: 30.6489, lng: 104.0845 }, poiname: '幸福花园3栋', poiaddress: '锦江区幸福路12号', cityname: '成都市' }
    // another page posting the same shape is ignored
    act(() => { window.dispatchEvent(new MessageEvent('message', { origin: 'https://evil.example', data: answer })) })
    expect(byId(document.body, 'map-picker')).toBeTruthy()
    act(() => { window.dispatchEvent(new MessageEvent('message', { origin: 'https://apis.map.qq.com', data: answer })) })
    await waitFor(() => expect(byId(document.body, 'map-picker')).toBeNull())
    expect(byId(container, 'report-location-ok').textContent).toContain('幸福花园3栋')
    expect(container.textContent).not.toMatch(COORDS)
    expect(placeBody(last.where, '')).toMatchObject({ lat: 30.6489, lng: 104.0845, coordSystem: 'gcj02', placeName: '幸福花园3栋' })
    expect(chosen).not.toHaveBeenCalled()
    // 取消 closes it without a place
    fireEvent.click(byId(container, 'report-pick-map'))
    fireEvent.click(byId(document.body, 'map-picker-cancel'))
    expect(byId(document.body, 'map-picker')).toBeNull()
  })

  it('H5 without a key (or no answer): the address text, and 用我的当前位置 in WGS84 named by its grid', async () => {
    server(null)
    const located = jest.spyOn(Taro, 'getLocation').mockRejectedValueOnce({ errMsg: 'getLocation:fail' })
      .mockResolvedValueOnce({ latitude: 30.6515, longitude: 104.082, errMsg: 'ok' } as any)
    const { container } = render(<Form />)
    await waitFor(() => expect(byId(container, 'report-location-failed')).toBeTruthy())
    expect(byId(container, 'report-pick-map')).toBeNull()
    expect(byId(container, 'report-address-label').textContent).toBe('地址或楼栋名称')
    fireEvent.input(container.querySelector('input#report-address')!, { target: { value: '幸福花园3栋' } })
    await waitFor(() => expect(last.address).toBe('幸福花园3栋'))
    expect(placeBody(last.where, last.address)).toEqual({ coordSystem: 'wgs84', address: '幸福花园3栋', placeName: undefined })
    await act(async () => { fireEvent.click(byId(container, 'report-locate')) })
    await waitFor(() => expect(byId(container, 'report-location-ok').textContent).toContain('幸福社区第一网格范围内'))
    expect(located.mock.calls[1][0]).toMatchObject({ type: 'wgs84' })
    expect(container.textContent).not.toMatch(COORDS)
    // the server down: still the address text
    jest.spyOn(Taro, 'request').mockRejectedValue({ errMsg: 'request:fail' })
    await expect(pickMode()).resolves.toEqual({ kind: 'text' })
  })

  it('导航 for staff: openLocation with GCJ-02 in weapp, a map app\'s page in H5 — only on a tap; the reporter gets none', async () => {
    const report = makeReport('accepted', { roles: ['grid_worker'] })
    const opened = jest.spyOn(window, 'open').mockReturnValue(null)
    const { container, unmount } = render(<ReportView report={report} />)
    expect(byId(container, 'report-place-text').textContent).toBe('地点：幸福花园 · 3栋楼下')
    expect(container.textContent).not.toMatch(COORDS)
    expect(opened).not.toHaveBeenCalled()
    fireEvent.click(byId(container, 'report-place-navigate'))
    const url = new URL(opened.mock.calls[0][0] as string)
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker')
    expect(url.searchParams.get('position')).toBe(`${report.gcj02.lng},${report.gcj02.lat}`)
    expect(url.searchParams.get('name')).toBe('幸福花园')
    unmount()

    process.env.TARO_ENV = 'weapp'
    const openLocation = jest.spyOn(Taro, 'openLocation').mockResolvedValue({ errMsg: 'ok' } as any)
    const weapp = render(<ReportView report={report} />)
    await act(async () => { fireEvent.click(byId(weapp.container, 'report-place-navigate')) })
    expect(openLocation).toHaveBeenCalledWith({ latitude: report.gcj02.lat, longitude: report.gcj02.lng, name: '幸福花园', address: '3栋楼下', scale: 18 })
    weapp.unmount()

    const mine = render(<ReportView report={makeReport('accepted', { roles: ['reporter'], over: { placeName: null, address: null } })} />)
    expect(byId(mine.container, 'report-place-text').textContent).toBe('地点：幸福社区第一网格范围内')
    expect(byId(mine.container, 'report-place-navigate')).toBeNull()
  })
})
