import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ExportButton from '../../miniapp/src/components/export-button'
import { fileNameOf, openExportWeapp } from '../../miniapp/src/api/export'
import { saveTokens } from '../../miniapp/src/api/tokens'
import { makeMe } from './fixtures'

const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
const UNIT = '3a4b5c6d-7e8f-4a1b-9c2d-000000000001'
const POLL = '3a4b5c6d-7e8f-4a1b-9c2d-000000000002'
const NAME = '测试社区-上报台账-2026-11-24.xlsx'
const disposition = `attachment; filename="reports-2026-11-24.xlsx"; filename*=UTF-8''${encodeURIComponent(NAME)}`

describe('导出 button and download helper', () => {
  const saved = { downloadFile: (Taro as any).downloadFile, openDocument: (Taro as any).openDocument, getFileSystemManager: (Taro as any).getFileSystemManager }
  beforeEach(() => saveTokens({ accessToken: 'access-token-1', refreshToken: 'refresh-token-1-xxxxxxxxxxxx' }))
  afterEach(() => { jest.restoreAllMocks(); Object.assign(Taro, saved); Taro.removeStorageSync('linli.tokens') })

  it('H5: fetches the XLSX with the token and the list\'s filters, saved under its Chinese name', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(makeMe()))
    const fetchMock = jest.fn().mockResolvedValue({
      ok: true, status: 200, headers: new Headers({ 'content-disposition': disposition }), blob: async () => new Blob(['xlsx']),
    })
    ;(global as any).fetch = fetchMock
    ;(URL as any).createObjectURL = jest.fn(() => 'blob:export')
    ;(URL as any).revokeObjectURL = jest.fn()
    const clicks: { href: string; download: string }[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicks.push({ href: this.href, download: this.download }) })
    const { container } = render(<ExportButton unitId={UNIT} dataset='reports' filters={{ overdue: 'true', status: undefined }} />)
    const button = container.querySelector('#export-reports') as HTMLElement
    expect(button.textContent).toBe('导出')
    fireEvent.click(button)
    await waitFor(() => expect(clicks).toHaveLength(1))
    expect(fetchMock).toHaveBeenCalledWith(`/api/v1/units/${UNIT}/export/reports?overdue=true&format=xlsx`, { headers: { Authorization: 'Bearer access-token-1' } })
    expect(clicks[0]).toEqual({ href: 'blob:export', download: NAME })
    await waitFor(() => expect(button.textContent).toBe('导出'))
  })

  it('H5: a refusal is shown in the server\'s words, and the button works again', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(makeMe()))
    ;(global as any).fetch = jest.fn().mockResolvedValue({
      ok: false, status: 403, headers: new Headers(), text: async () => JSON.stringify({ error: { code: 'export.forbidden', message: '您没有导出该单元住户的权限' } }),
    })
    const toast = jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as any)
    const { container } = render(<ExportButton unitId={UNIT} dataset='households' label='导出名册' />)
    const button = container.querySelector('#export-households') as HTMLElement
    fireEvent.click(button)
    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '您没有导出该单元住户的权限', icon: 'none' })))
    await waitFor(() => expect(button.textContent).toBe('导出名册'))
  })

  it('mini-program: downloads with the token and opens it in the document viewer with its menu', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(makeMe()))
    const download = jest.fn().mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/a.xlsx' })
    const open = jest.fn().mockResolvedValue({ errMsg: 'openDocument:ok' })
    Object.assign(Taro, { downloadFile: download, openDocument: open })
    await openExportWeapp(UNIT, 'poll-results', { pollId: POLL })
    expect(download).toHaveBeenCalledWith({ url: `/api/v1/units/${UNIT}/export/poll-results?pollId=${POLL}&format=xlsx`, header: { Authorization: 'Bearer access-token-1' } })
    expect(open).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/a.xlsx', fileType: 'xlsx', showMenu: true })
  })

  it('mini-program: an error answer is read from the downloaded file and not opened', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValueOnce(ok(makeMe()))
    const open = jest.fn()
    Object.assign(Taro, {
      downloadFile: jest.fn().mockResolvedValue({ statusCode: 400, tempFilePath: 'wxfile://tmp/e' }),
      openDocument: open,
      getFileSystemManager: () => ({ readFileSync: () => JSON.stringify({ error: { code: 'export.poll_required', message: '请选择要导出的投票（pollId）' } }) }),
    })
    await expect(openExportWeapp(UNIT, 'poll-results')).rejects.toThrow('请选择要导出的投票（pollId）')
    expect(open).not.toHaveBeenCalled()
  })

  it('reads the Chinese file name (filename*), else the plain one', () => {
    expect(fileNameOf(disposition, 'x.xlsx')).toBe(NAME)
    expect(fileNameOf('attachment; filename="a.xlsx"', 'x.xlsx')).toBe('a.xlsx')
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx')
  })
})
