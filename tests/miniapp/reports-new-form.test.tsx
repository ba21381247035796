import { render, fireEvent, waitFor, act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import NewReport, { missingForReport } from '../../miniapp/src/packages/reports/pages/new/index'
import { saveTokens } from '../../miniapp/src/api/tokens'
import { makeReport, ok, UPLOAD_ID, REPORT_ID } from './reports-fixtures'
import { makeMe } from './fixtures'

const CATEGORIES = { items: [
  { code: 'sanitation', name: '环境卫生', acceptHours: 24, resolveDays: 3 },
  { code: 'roads', name: '道路设施', acceptHours: 24, resolveDays: 7 },
] }
const NEARBY_ID = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'
const upload = { id: UPLOAD_ID, url: `/api/v1/uploads/${UPLOAD_ID}`, thumbUrl: `/api/v1/uploads/${UPLOAD_ID}/thumb`, width: 800, height: 600, contentType: 'image/jpeg' }

/** the server, by path */
function fakeServer(nearby: unknown[] = [], opts: { me?: unknown } = {}) {
  return jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string; method?: string }) => {
    if (o.url === '/api/v1/me' && opts.me) return ok(opts.me)
    if (o.url.startsWith('/api/v1/report-categories')) return ok(CATEGORIES)
    if (o.url.startsWith('/api/v1/reports/nearby')) return ok({ items: nearby })
    if (o.url.endsWith('/support')) return ok({ supportCount: 4, supportedByMe: true })
    if (o.url === '/api/v1/reports' && o.method === 'POST') return ok(makeReport('submitted', { roles: ['reporter'] }), 201)
    return ok({ error: { code: 'not_found', message: '未找到' } }, 404)
  }) as any)
}

/** an upload task we finish by hand, so the progress can be seen */
function fakeUpload() {
  const tasks: { progress: (p: number) => void; finish: () => void }[] = []
  const spy = jest.spyOn(Taro, 'uploadFile').mockImplementation(((opts: any) => {
    let cb: ((r: { progress: number }) => void) | undefined
    let resolve!: (v: unknown) => void
    const p: any = new Promise((r) => { resolve = r })
    p.progress = (f: typeof cb) => { cb = f; return p }
    tasks.push({ progress: (n) => cb?.({ progress: n }), finish: () => resolve({ statusCode: 201, data: JSON.stringify(upload), errMsg: 'uploadFile:ok' }) })
    void opts
    return p
  }) as any)
  return { spy, tasks }
}

const byId = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement
/** the form's own error line (the location notice is an alert too) */
const alertText = async () => {
  let text = ''
  await waitFor(() => { text = document.querySelector('#report-error')?.textContent ?? ''; expect(text).not.toBe('') })
  return text
}

describe('new report form', () => {
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any))
  afterEach(() => jest.restoreAllMocks())

  it('refuses to submit without photo, category or location, shows upload progress, and files without text', async () => {
    const req = fakeServer()
    jest.spyOn(Taro, 'getLocation').mockRejectedValue({ errMsg: 'getLocation:fail auth deny' })
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:http://localhost/p1'], tempFiles: [], errMsg: 'ok' } as any)
    const { spy: uploadSpy, tasks } = fakeUpload()
    const { container } = render(<NewReport />)
    await waitFor(() => expect(byId(container, 'report-category-sanitation')).toBeTruthy())
    // location refused, no map key on this server: the address text is the way (never latitude/longitude boxes)
    await waitFor(() => expect(byId(container, 'report-location-failed')).toBeTruthy())
    expect(byId(container, 'report-location-failed').textContent).toContain('请在下面填写地址或楼栋名称')
    expect(byId(container, 'report-pick-map')).toBeNull()
    expect(container.textContent).not.toMatch(/经纬度|纬度|经度/)

    fireEvent.click(byId(container, 'report-submit'))
    expect(await alertText()).toContain('请至少拍一张照片')

    // a photo: picked compressed, uploaded with the token, progress shown
    await act(async () => { fireEvent.click(byId(container, 'report-photos-add')) })
    expect((Taro.chooseImage as jest.Mock).mock.calls[0][0]).toMatchObject({ sizeType: ['compressed'], count: 9 })
    await waitFor(() => expect(uploadSpy).toHaveBeenCalledTimes(1))
    expect(uploadSpy.mock.calls[0][0]).toMatchObject({ url: '/api/v1/uploads', filePath: 'blob:http://localhost/p1', header: { Authorization: 'Bearer a.b.c' } })
    act(() => tasks[0].progress(42))
    expect(byId(container, 'report-photos-item-0').textContent).toContain('上传中 42%')
    expect(byId(container, 'report-photos-progress').textContent).toContain('正在上传照片')
    expect((byId(container, 'report-submit') as HTMLButtonElement).disabled).toBe(true)
    await act(async () => tasks[0].finish())
    await waitFor(() => expect(byId(container, 'report-photos-progress')).toBeNull())
    expect(byId(container, 'report-photos-item-0').textContent).not.toContain('上传中')

    fireEvent.click(byId(container, 'report-submit'))
    expect(await alertText()).toBe('请选择问题类别')
    fireEvent.click(byId(container, 'report-category-sanitation'))
    expect(byId(container, 'report-category-sanitation').getAttribute('aria-pressed')).toBe('true')

    fireEvent.click(byId(container, 'report-submit'))
    expect(await alertText()).toBe('请在地图上选择位置，或填写地址')
    // nothing was filed so far
    expect(req.mock.calls.filter(([o]: any) => o.method === 'POST')).toHaveLength(0)

    fireEvent.input(container.querySelector('input#report-address')!, { target: { value: '幸福花园3栋楼下' } })
    // text is optional (the category's name stands for it): this files
    jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' } as any)
    fireEvent.click(byId(container, 'report-submit'))
    await waitFor(() => expect(req.mock.calls.filter(([o]: any) => o.method === 'POST' && o.url === '/api/v1/reports')).toHaveLength(1))
    expect(req.mock.calls.map(([o]: any) => o).find((o) => o.method === 'POST' && o.url === '/api/v1/reports').data)
      .toEqual({ category: 'sanitation', description: '', photoIds: [UPLOAD_ID], address: '幸福花园3栋楼下', coordSystem: 'wgs84', anonymous: false })
  })

  it('missingForReport: text is asked only for a category whose name says nothing (其他)', () => {
    const base = { where: { status: 'ok' as const, place: { lat: 1, lng: 1, coordSystem: 'wgs84' as const, source: 'here' as const } }, photos: [{ key: 'a', localPath: 'p', progress: 100, uploadId: UPLOAD_ID }], description: ' ' }
    expect(missingForReport({ ...base, category: 'roads' })).toBe('')
    expect(missingForReport({ ...base, category: 'other' })).toBe('请用一句话说明是什么问题')
    expect(missingForReport({ ...base, category: 'other', description: '单车堵门' })).toBe('')
  })

  it('files once per draft: a retry sends the same Idempotency-Key; the body carries the coordinate system', async () => {
    const req = fakeServer()
    jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 30.6515, longitude: 104.082, errMsg: 'ok' } as any)
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:http://localhost/p1'], tempFiles: [], errMsg: 'ok' } as any)
    const { tasks } = fakeUpload()
    const redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container } = render(<NewReport />)
    await waitFor(() => expect(byId(container, 'report-location-ok')).toBeTruthy())
    expect((Taro.getLocation as jest.Mock).mock.calls[0][0]).toMatchObject({ type: 'wgs84' })
    await act(async () => { fireEvent.click(byId(container, 'report-photos-add')) })
    await waitFor(() => expect(tasks).toHaveLength(1))
    await act(async () => tasks[0].finish())
    fireEvent.click(byId(container, 'report-category-sanitation'))
    fireEvent.input(container.querySelector('input#report-description')!, { target: { value: ' 垃圾堆放 ' } })
    fireEvent.click(byId(container, 'report-anonymous'))

    // first attempt: the network drops (the filing itself: the form may be asking other things meanwhile)
    const serve = req.getMockImplementation()!
    let dropped = false
    req.mockImplementation(async (o: any) => {
      if (!dropped && o.method === 'POST' && o.url === '/api/v1/reports') { dropped = true; throw { errMsg: 'request:fail timeout' } }
      return serve(o)
    })
    fireEvent.click(byId(container, 'report-submit'))
    expect(await alertText()).toBe('网络超时，请检查网络后重试')
    fireEvent.click(byId(container, 'report-submit'))
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    expect(redirect.mock.calls[0][0].url).toBe(`/packages/reports/pages/detail/index?id=${REPORT_ID}&created=1`)

    const posts = req.mock.calls.map(([o]: any) => o).filter((o) => o.method === 'POST' && o.url === '/api/v1/reports')
    expect(posts).toHaveLength(2)
    expect(posts[0].header['Idempotency-Key']).toMatch(/^r-/)
    expect(posts[1].header['Idempotency-Key']).toBe(posts[0].header['Idempotency-Key'])
    expect(posts[1].data).toEqual({
      category: 'sanitation', description: '垃圾堆放', photoIds: [UPLOAD_ID], lat: 30.6515, lng: 104.082, coordSystem: 'wgs84', anonymous: true,
    })
  })

  it('offers nearby same-category open reports with 我也遇到了 before filing', async () => {
    const req = fakeServer([{ id: NEARBY_ID, category: 'sanitation', status: 'accepted', description: '楼下垃圾没人清', distance: 35, supportCount: 3, thumbUrl: null, createdAt: '2026-11-23T08:00:00+08:00' }])
    jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 30.6515, longitude: 104.082, errMsg: 'ok' } as any)
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container } = render(<NewReport />)
    await waitFor(() => expect(byId(container, 'report-location-ok')).toBeTruthy())
    expect(byId(container, 'report-nearby')).toBeNull()
    fireEvent.click(byId(container, 'report-category-sanitation'))
    await waitFor(() => expect(byId(container, 'report-nearby')).toBeTruthy())
    const nearbyCall = req.mock.calls.map(([o]: any) => o.url).find((u: string) => u.startsWith('/api/v1/reports/nearby'))
    expect(nearbyCall).toContain('category=sanitation')
    expect(nearbyCall).toContain('coordSystem=wgs84')
    expect(byId(container, 'report-nearby').textContent).toContain('楼下垃圾没人清')
    expect(byId(container, 'report-submit').textContent).toBe('仍要上报新问题')
    fireEvent.click(byId(container, `report-support-${NEARBY_ID}`))
    await waitFor(() => expect(byId(container, 'report-nearby').textContent).toContain('已记录'))
    expect(byId(container, 'report-nearby').textContent).toContain('4 人遇到')
    expect(req.mock.calls.map(([o]: any) => o).filter((o) => o.method === 'POST').map((o) => o.url)).toEqual([`/api/v1/reports/${NEARBY_ID}/support`])
  })

  it('a supervisor (read-only account) is told it cannot report, instead of getting a form the server would refuse', async () => {
    const supervisor = makeMe({ household: null, roles: [{ role: 'supervisor', unitId: '7d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6', unitName: '幸福社区' }] })
    const req = fakeServer([], { me: supervisor })
    jest.spyOn(Taro, 'getLocation').mockRejectedValue({ errMsg: 'getLocation:fail auth deny' })
    const { container } = render(<NewReport />)
    await waitFor(() => expect(byId(container, 'report-read-only')).toBeTruthy())
    expect(byId(container, 'report-read-only').textContent).toContain('监督员账号只能查看')
    expect(byId(container, 'report-submit')).toBeNull()
    expect(container.querySelector('[id^="report-category-"]')).toBeNull()
    expect(req.mock.calls.map(([o]: any) => o.url).some((u: string) => u.startsWith('/api/v1/report-categories'))).toBe(false)
  })

  it('missingForReport: photos still uploading are not ready', () => {
    const base = { category: 'roads', where: { status: 'ok' as const, place: { lat: 1, lng: 1, coordSystem: 'wgs84' as const, source: 'here' as const } }, description: 'x' }
    expect(missingForReport({ ...base, photos: [{ key: 'a', localPath: 'p', progress: 50 }] })).toBe('照片还在上传，请稍候')
    expect(missingForReport({ ...base, photos: [{ key: 'a', localPath: 'p', progress: 100, uploadId: UPLOAD_ID }] })).toBe('')
    expect(missingForReport({ ...base, photos: [{ key: 'a', localPath: 'p', progress: 0, error: '网络' }] })).toBe('请至少拍一张照片')
  })
})
