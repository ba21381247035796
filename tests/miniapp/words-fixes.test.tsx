// The small fixes seen on the way (issue 12): each as a person meets it on the page.
import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro, { Current } from '@tarojs/taro'
import { MeetingList } from '@linli/shared'
import Overdue from '../../miniapp/src/packages/reports/pages/overdue/index'
import RepairNew from '../../miniapp/src/packages/board/pages/repair/index'
import { numberText } from '../../miniapp/src/number-text'
import { BeforeAfterPhotos } from '../../miniapp/src/components/photos'
import RosterImport from '../../miniapp/src/packages/org/pages/import/index'
import { saveTokens } from '../../miniapp/src/api/tokens'
import { makeMe } from './fixtures'
import { ok } from './reports-fixtures'

const UNIT = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a'
const openWith = (params: Record<string, string>) => { (Current as any).router = { path: '/x', params, onReady: '', onHide: '', onShow: '' } }
const inputOf = (c: HTMLElement, id: string) => (c.querySelector(`#${id} input`) ?? c.querySelector(`#${id}`)) as HTMLInputElement

afterEach(() => jest.restoreAllMocks())

describe('挂牌督办 title', () => {
  it('shows the unit name as typed, not URL-encoded (H5 hands the query over encoded)', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue(ok({ items: [], nextCursor: null }))
    openWith({ unitId: UNIT, name: encodeURIComponent('幸福社区第一网格') })
    const { container } = render(<Overdue />)
    expect(container.querySelector('#overdue-title')!.textContent).toBe('挂牌督办 · 幸福社区第一网格')
    openWith({ unitId: UNIT, name: '100%满意' }) // a stray % is kept, not thrown on
    const again = render(<Overdue />)
    expect(again.container.querySelectorAll('#overdue-title')[0].textContent).toBe('挂牌督办 · 100%满意')
  })
})

describe('number fields', () => {
  it('typing 2 into a field prefilled with 0 gives 2, not 02', () => {
    expect(numberText('02')).toBe('2')
    expect(numberText('0')).toBe('0')
    expect(numberText('007')).toBe('7')
    expect(numberText('10')).toBe('10')
    expect(numberText('')).toBe('')
  })
})

describe('登记修缮 form', () => {
  const meeting = (id: string, startsAt: string, title: string) => ({
    id, kind: 'courtyard', kindLabel: '院坝会', unitId: UNIT, unitName: 'A院坝', title, startsAt, place: '黄桷树下', host: '院坝长', createdAt: '2026-11-01T00:00:00Z',
  })
  it('offers only meetings already held, and its show-of-hands fields drop the leading 0', async () => {
    const held = '1a2b3c4d-0000-4000-8000-000000000001'
    const coming = '1a2b3c4d-0000-4000-8000-000000000002'
    const list = MeetingList.parse({ nextCursor: null, items: [
      meeting(coming, new Date(Date.now() + 2 * 86400_000).toISOString(), '下周院坝会'),
      meeting(held, new Date(Date.now() - 3 * 86400_000).toISOString(), '商量修补路面'),
    ] })
    jest.spyOn(Taro, 'request').mockResolvedValue(ok(list))
    openWith({ unitId: UNIT, name: encodeURIComponent('A院坝') })
    const { container } = render(<RepairNew />)
    await waitFor(() => expect(container.querySelector(`#repair-meeting-${held}`)).toBeTruthy())
    expect(container.querySelector(`#repair-meeting-${coming}`)).toBeNull()
    expect(container.querySelector(`#repair-meeting-${held}`)!.className).toContain('board__meeting')
    const against = inputOf(container, 'repair-hands-against')
    expect(against.value).toBe('0')
    fireEvent.input(against, { target: { value: '02' } })
    await waitFor(() => expect(inputOf(container, 'repair-hands-against').value).toBe('2'))
  })
})

describe('the public feed\'s photos', () => {
  const photo = (n: number, kind: 'before' | 'after') => ({ id: `p${n}`, url: `/u/${n}.jpg`, thumbUrl: `/u/${n}-t.jpg`, kind })
  it('shows 处理前 before 处理后, whatever order they come in, each labelled', () => {
    const { container } = render(<BeforeAfterPhotos id='x' photos={[photo(2, 'after'), photo(1, 'before')]} />)
    const text = container.textContent!
    expect(text.indexOf('处理前')).toBeGreaterThanOrEqual(0)
    expect(text.indexOf('处理前')).toBeLessThan(text.indexOf('处理后'))
    expect([...container.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(['/u/1-t.jpg', '/u/2-t.jpg'])
  })
  it('a report not yet handled shows its photos with no 处理前/后 labels', () => {
    const { container } = render(<BeforeAfterPhotos photos={[photo(1, 'before')]} />)
    expect(container.textContent).toBe('')
    expect(container.querySelectorAll('img')).toHaveLength(1)
  })
})

describe('导入住户名册', () => {
  it('offers the template to download: the Excel file is fetched with the token and saved under its Chinese name', async () => {
    saveTokens({ accessToken: 'access-token-1', refreshToken: 'refresh-token-1-xxxxxxxxxxxx' })
    jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(makeMe()))
    const name = '住户花名册导入模板.xlsx'
    const fetchMock = jest.fn().mockResolvedValue({
      ok: true, status: 200, headers: new Headers({ 'content-disposition': `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}` }), blob: async () => new Blob(['xlsx']),
    })
    ;(global as any).fetch = fetchMock
    ;(URL as any).createObjectURL = jest.fn(() => 'blob:template')
    ;(URL as any).revokeObjectURL = jest.fn()
    const clicks: string[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicks.push(this.download) })
    openWith({ unitId: UNIT })
    const { container } = render(<RosterImport />)
    fireEvent.click(container.querySelector('#import-template')!)
    await waitFor(() => expect(clicks).toEqual([name]))
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/households/import-template?format=xlsx', { headers: { Authorization: 'Bearer access-token-1' } })
    Taro.removeStorageSync('linli.tokens')
  })
})
