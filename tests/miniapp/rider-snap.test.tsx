import { render, fireEvent, waitFor, act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ReportTab from '../../miniapp/src/pages/report/index'
import NewReport from '../../miniapp/src/packages/reports/pages/new/index'
import PrivacySheet from '../../miniapp/src/components/privacy-sheet'
import { installPrivacyHandler, requirePrivacy } from '../../miniapp/src/privacy'
import { saveTokens } from '../../miniapp/src/api/tokens'
import { ok, UPLOAD_ID } from './reports-fixtures'

const upload = { id: UPLOAD_ID, url: `/api/v1/uploads/${UPLOAD_ID}`, thumbUrl: `/api/v1/uploads/${UPLOAD_ID}/thumb`, width: 800, height: 600, contentType: 'image/jpeg' }
const byId = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement

describe('随手拍 for a rider: 拍照上报 opens the camera, the form starts with the photo', () => {
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any))
  afterEach(() => jest.restoreAllMocks())

  it('one tap opens the camera directly (no 拍照/相册 question), then the form uploads that photo and locates by itself', async () => {
    jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string }) => {
      if (o.url.startsWith('/api/v1/reports?')) return ok({ items: [], nextCursor: null })
      if (o.url.startsWith('/api/v1/report-categories')) return ok({ items: [{ code: 'roads', name: '道路设施', acceptHours: 24, resolveDays: 7 }] })
      if (o.url.startsWith('/api/v1/reports/nearby')) return ok({ items: [] })
      return ok({ error: { code: 'x', message: '未找到' } }, 404)
    }) as any)
    const choose = jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:http://localhost/snap1'], tempFiles: [], errMsg: 'ok' } as any)
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const uploadSpy = jest.spyOn(Taro, 'uploadFile').mockImplementation((() => {
      const p: any = Promise.resolve({ statusCode: 201, data: JSON.stringify(upload), errMsg: 'uploadFile:ok' })
      p.progress = () => p
      return p
    }) as any)
    jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 30.6515, longitude: 104.082, errMsg: 'ok' } as any)

    const tab = render(<ReportTab />)
    await waitFor(() => expect(byId(tab.container, 'report-snap')).toBeTruthy())
    await act(async () => { fireEvent.click(byId(tab.container, 'report-snap')) })
    expect(choose.mock.calls[0][0]).toMatchObject({ sourceType: ['camera'], sizeType: ['compressed'] })
    expect(nav).toHaveBeenCalledWith({ url: '/packages/reports/pages/new/index' })
    tab.unmount()

    const form = render(<NewReport />)
    await waitFor(() => expect(uploadSpy).toHaveBeenCalledTimes(1))
    expect(uploadSpy.mock.calls[0][0]).toMatchObject({ filePath: 'blob:http://localhost/snap1' })
    await waitFor(() => expect(byId(form.container, 'report-location-ok')).toBeTruthy())
    expect(form.container.textContent).toContain('补充说明（选填）')
    // the handed photo is taken once: a second form starts empty
    form.unmount()
    const again = render(<NewReport />)
    await waitFor(() => expect(byId(again.container, 'report-photos')).toBeTruthy())
    expect(again.container.querySelector('#report-photos-item-0')).toBeNull()
  })

  it('a cancelled camera stays on the tab without an error; a refused one says so', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue(ok({ items: [], nextCursor: null }))
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    jest.spyOn(Taro, 'chooseImage')
      .mockRejectedValueOnce({ errMsg: 'chooseImage:fail cancel' })
      .mockRejectedValueOnce({ errMsg: 'chooseImage:fail auth deny' })
    const { container } = render(<ReportTab />)
    await waitFor(() => expect(byId(container, 'report-snap')).toBeTruthy())
    await act(async () => { fireEvent.click(byId(container, 'report-snap')) })
    expect(byId(container, 'report-snap-error')).toBeNull()
    await act(async () => { fireEvent.click(byId(container, 'report-snap')) })
    expect(byId(container, 'report-snap-error').textContent).toBe('无法打开相机，请检查权限后重试')
    expect(nav).not.toHaveBeenCalled()
  })
})

describe("WeChat's privacy flow (weapp)", () => {
  const env = process.env.TARO_ENV
  afterEach(() => { process.env.TARO_ENV = env; jest.restoreAllMocks() })

  it('when WeChat asks, our sheet shows (exposure reported), links to the 隐私条款 and answers disagree; requirePrivacy rejects then', async () => {
    process.env.TARO_ENV = 'weapp'
    let ask: ((resolve: (a: unknown) => void, info: unknown) => void) | undefined
    ;(Taro as any).onNeedPrivacyAuthorization = jest.fn((fn) => { ask = fn })
    ;(Taro as any).requirePrivacyAuthorize = jest.fn()
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    installPrivacyHandler()
    expect(ask).toBeDefined()

    // nobody on screen to ask: WeChat's API is refused rather than left waiting
    const alone = jest.fn()
    ask!(alone, { referrer: 'chooseMedia' })
    expect(alone).toHaveBeenCalledWith({ event: 'disagree' })

    const { container } = render(<PrivacySheet />)
    expect(byId(container, 'privacy-sheet-agree')).toBeNull()
    const resolve = jest.fn()
    act(() => ask!(resolve, { referrer: 'getLocation' }))
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
    expect(byId(container, 'privacy-sheet-agree').textContent).toBe('同意并继续')
    fireEvent.click(byId(container, 'privacy-sheet-terms'))
    expect(nav).toHaveBeenCalledWith({ url: '/packages/auth/pages/privacy/index?view=1' })
    fireEvent.click(byId(container, 'privacy-sheet-disagree'))
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
    expect(byId(container, 'privacy-sheet-agree')).toBeNull()

    // requirePrivacy goes through WeChat's requirePrivacyAuthorize: its fail is a Chinese refusal
    ;(Taro as any).requirePrivacyAuthorize.mockImplementation((o: { fail: () => void }) => o.fail())
    await expect(requirePrivacy()).rejects.toThrow('您未同意隐私条款，无法使用相机、相册或定位')
    ;(Taro as any).requirePrivacyAuthorize.mockImplementation((o: { success: () => void }) => o.success())
    await expect(requirePrivacy()).resolves.toBeUndefined()
  })

  it('H5 has no privacy API: requirePrivacy resolves at once', async () => {
    process.env.TARO_ENV = 'h5'
    await expect(requirePrivacy()).resolves.toBeUndefined()
  })
})
