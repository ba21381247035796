import { render, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { fenToYuan, yuanToFen } from '../../miniapp/src/api/publicity'
import { saveTokens } from '../../miniapp/src/api/tokens'
import { Money } from '../../miniapp/src/packages/board/components/item-card'
import { CompleteForm, EvaluateForm } from '../../miniapp/src/packages/board/components/item-forms'
import { PostLinks } from '../../miniapp/src/packages/board/components/post-links'
import { BoardPost } from '@linli/shared'
import { repairProblem, type RepairDraft } from '../../miniapp/src/packages/board/pages/repair/index'
import { ok } from './reports-fixtures'
import { confirmDialog } from './confirm-dialog'

const ITEM_ID = '3b4c5d6e-7f80-4192-8a3b-4c5d6e7f8091'

describe('money in yuan, sent as fen', () => {
  it('takes whole yuan and up to two decimals, nothing else', () => {
    expect(yuanToFen('1200')).toBe(120_000)
    expect(yuanToFen(' 1200.5 ')).toBe(120_050)
    expect(yuanToFen('0.07')).toBe(7)
    expect(yuanToFen('0')).toBe(0)
    // 0.1 + 0.2 style float drift cannot happen: digits are read, not multiplied
    expect(yuanToFen('1234567.89')).toBe(123_456_789)
    for (const bad of ['', '12.345', '-5', '1e3', '１２', '12,5', 'abc', '123456789']) expect([bad, yuanToFen(bad)]).toEqual([bad, null])
    expect(fenToYuan(120_050)).toBe('1,200.50 元')
  })

  it('shows overspending in red with the amount over', () => {
    const { container, rerender } = render(<Money budgetFen={120_050} spentFen={125_000} />)
    expect(container.textContent).toContain('已支出 1,250.00 元 / 预算 1,200.50 元（超支 49.50 元）')
    expect(container.querySelector('.board__money--over')).toBeTruthy()
    rerender(<Money budgetFen={120_050} spentFen={60_000} />)
    expect(container.textContent).not.toContain('超支')
    expect(container.querySelector('.board__money--over')).toBeNull()
  })
})

describe('登记修缮 form checks', () => {
  const draft = (over: Partial<RepairDraft> = {}): RepairDraft => ({
    what: '修补排水沟', where: '3号门前', budget: '1200', fundSource: 'residents', meetingRef: '11月20日院坝会',
    hands: { for: '12', against: '1', abstain: '2' }, photos: [], ...over,
  })
  it('names the first problem in the order the form asks', () => {
    expect(repairProblem(draft())).toBe('')
    expect(repairProblem(draft({ what: ' ' }))).toBe('请填写修什么')
    expect(repairProblem(draft({ budget: '12.345' }))).toContain('预算请填写金额')
    expect(repairProblem(draft({ fundSource: '' }))).toBe('请选择资金来源')
    expect(repairProblem(draft({ meetingRef: '' }))).toContain('哪次会议')
    expect(repairProblem(draft({ hands: { for: 'x', against: '0', abstain: '0' } }))).toContain('整数')
    expect(repairProblem(draft({ hands: { for: '0', against: '0', abstain: '0' } }))).toBe('请填写举手表决人数')
    expect(repairProblem(draft({ hands: { for: '5', against: '5', abstain: '0' } }))).toContain('表决未通过')
    expect(repairProblem(draft({ photos: [{ key: 'a', localPath: 'blob:x', progress: 40 }] }))).toBe('照片还在上传，请稍候')
  })
})

describe('标记完工', () => {
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any))
  afterEach(() => jest.restoreAllMocks())

  it('asks for an after photo first, then sends status completed with it and shows the server refusal in Chinese', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'tracked_items.invalid_transition', message: '事项当前状态（已完成）不能改为“已完成”' } }, 409))
    const uploadId = '4c5d6e7f-8091-42a3-8b4c-5d6e7f8091a2'
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:http://localhost/after'], tempFiles: [], errMsg: 'ok' } as any)
    jest.spyOn(Taro, 'uploadFile').mockImplementation((() => {
      const p: any = Promise.resolve({ statusCode: 201, data: JSON.stringify({ id: uploadId, url: `/api/v1/uploads/${uploadId}`, thumbUrl: `/api/v1/uploads/${uploadId}/thumb`, width: 800, height: 600, contentType: 'image/jpeg' }), errMsg: 'ok' })
      p.progress = () => p
      return p
    }) as any)
    const done = jest.fn()
    const item = { id: ITEM_ID, title: '3栋排水沟疏通', status: 'in_progress', progress: 60 } as any
    const { container } = render(<CompleteForm item={item} onDone={done} />)
    fireEvent.click(container.querySelector('#complete-submit')!)
    await waitFor(() => expect(container.querySelector('#complete-error')?.textContent).toBe('请至少拍一张完工后的照片'))
    expect(req).not.toHaveBeenCalled()

    fireEvent.click(container.querySelector('#complete-photos-add')!)
    await waitFor(() => expect(container.querySelector('#complete-photos-progress')).toBeNull())
    await waitFor(() => expect(container.querySelector('#complete-photos-item-0')).toBeTruthy())
    fireEvent.click(container.querySelector('#complete-submit')!)
    // 完工 is confirmed first, naming the item and the photos; 再想想 sends nothing
    expect(await confirmDialog({ cancel: true })).toContain('3栋排水沟疏通')
    expect(req).not.toHaveBeenCalled()
    fireEvent.click(container.querySelector('#complete-submit')!)
    expect(await confirmDialog()).toContain('1 张')
    await waitFor(() => expect(container.querySelector('#complete-error')?.textContent).toBe('事项当前状态（已完成）不能改为“已完成”'))
    const call = req.mock.calls[0][0] as { url: string; method: string; data: unknown }
    expect([call.method, call.url]).toEqual(['POST', `/api/v1/tracked-items/${ITEM_ID}/updates`])
    expect(call.data).toEqual({ note: '已完工', status: 'completed', photoIds: [uploadId] })
    expect(done).not.toHaveBeenCalled()
  })
})

describe('评价归档', () => {
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any))
  afterEach(() => jest.restoreAllMocks())

  it('closes the item with the ratings in the note; a refusal is shown', async () => {
    const req = jest.spyOn(Taro, 'request').mockResolvedValue(ok({ error: { code: 'forbidden', message: '只有社区管理员可以将事项归档为已评价' } }, 403))
    const item = { id: ITEM_ID, status: 'completed', ratings: { satisfied: 3, basically_satisfied: 1, dissatisfied: 1, total: 5, mine: null } } as any
    const { container } = render(<EvaluateForm item={item} onDone={jest.fn()} />)
    fireEvent.click(container.querySelector('#evaluate-submit')!)
    await waitFor(() => expect(container.querySelector('#evaluate-error')?.textContent).toBe('只有社区管理员可以将事项归档为已评价'))
    const call = req.mock.calls[0][0] as { url: string; data: unknown }
    expect(call.url).toBe(`/api/v1/tracked-items/${ITEM_ID}/updates`)
    expect(call.data).toEqual({ note: '评价归档：5 户评价，满意 3、基本满意 1、不满意 1', status: 'evaluated', photoIds: [] })
  })
})

describe('post links', () => {
  const POST_ID = '5d6e7f80-91a2-43b4-8c5d-6e7f8091a2b3'
  const POLL_ID = '6e7f8091-a2b3-44c5-9d6e-7f8091a2b3c4'
  const post = (over: Record<string, unknown> = {}) => BoardPost.parse({
    id: POST_ID, unitId: '7f8091a2-b3c4-45d6-8e7f-8091a2b3c4d5', unitName: '幸福社区', kind: 'poll_result', title: '投票结果：加装电梯',
    sourceId: POLL_ID, status: 'publicizing', publishedAt: '2026-11-23T01:00:00.000Z', windowEndsAt: '2026-11-30T01:00:00.000Z',
    finalizedAt: null, objectionCount: 0, unansweredCount: 0, body: '表决结果：通过', windowOpen: true, trackedItemId: null, objections: [], ...over,
  })
  beforeEach(() => saveTokens({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 } as any))
  afterEach(() => {
    jest.restoreAllMocks()
    delete (globalThis as any).fetch
    delete (URL as any).createObjectURL
    delete (URL as any).revokeObjectURL
  })

  it('a poll result leads to its ballot bulletin; other posts do not offer one', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as any)
    const { container, rerender } = render(<PostLinks post={post()} />)
    expect(container.querySelector('#post-bulletin')!.textContent).toBe('查看选票公告')
    fireEvent.click(container.querySelector('#post-bulletin')!)
    expect(nav).toHaveBeenCalledWith({ url: `/packages/polls/pages/bulletin/index?id=${POLL_ID}` })
    rerender(<PostLinks post={post({ kind: 'repair', sourceId: null })} />)
    expect(container.querySelector('#post-bulletin')).toBeNull()
    expect(container.querySelector('#post-pdf')!.textContent).toBe('下载PDF')
  })

  it('下载PDF (H5) fetches the PDF with the token and opens it in a new tab; a refusal is shown and the tab closed', async () => {
    jest.spyOn(Taro, 'request').mockResolvedValue(ok(post()))
    const tab = { location: { href: '' }, close: jest.fn() }
    jest.spyOn(window, 'open').mockReturnValue(tab as any)
    const blobUrl = 'blob:http://localhost/pdf-1'
    ;(URL as any).createObjectURL = jest.fn(() => blobUrl)
    ;(URL as any).revokeObjectURL = jest.fn()
    const pdfBytes = new Blob(['%PDF-1.4'], { type: 'application/pdf' })
    const fetchMock = jest.fn().mockResolvedValue({ ok: true, status: 200, blob: async () => pdfBytes })
    ;(globalThis as any).fetch = fetchMock
    const { container } = render(<PostLinks post={post()} />)
    fireEvent.click(container.querySelector('#post-pdf')!)
    await waitFor(() => expect(tab.location.href).toBe(blobUrl))
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe(`/api/v1/board/posts/${POST_ID}/print?format=pdf`)
    expect(init.headers).toEqual({ Authorization: 'Bearer a.b.c' })
    expect((URL.createObjectURL as jest.Mock).mock.calls[0][0]).toBe(pdfBytes)
    expect(tab.close).not.toHaveBeenCalled()

    const refusal = { error: { code: 'board.pdf_unavailable', message: '服务器暂时无法生成 PDF 公告。请用“打印公告”在浏览器中打开，打印或另存为 PDF。' } }
    fetchMock.mockResolvedValue({ ok: false, status: 503, text: async () => JSON.stringify(refusal) })
    fireEvent.click(container.querySelector('#post-pdf')!)
    await waitFor(() => expect(container.querySelector('#post-print-error')?.textContent).toBe(refusal.error.message))
    expect(tab.close).toHaveBeenCalledTimes(1)
  })
})
