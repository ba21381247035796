import { fireEvent, render } from '@testing-library/react'
import ReceiptCard from '../../miniapp/src/packages/polls/components/receipt-card'
import { qrRows } from '../../miniapp/src/components/qr-code'
import { POLL_ID, RECEIPT, RECEIPT_CODE } from './polls-fixtures'

describe('receipt card', () => {
  const card = () => render(
    <ReceiptCard pollId={POLL_ID} receipt={RECEIPT} code={RECEIPT_CODE} choices={['B']} channel='online' labels={{ A: '同意', B: '不同意' }} />,
  )

  it('shows the short code to read aloud, in four groups, with how to check it in plain words', () => {
    const { container } = card()
    expect(container.querySelector('#poll-receipt-code')!.textContent).toBe('MFTT-7XD3-YPHZ-B8ZN')
    expect(container.querySelector('#poll-receipt')!.textContent).toContain('找到这串码，看它后面的选择和您家投的是否一样')
    // the full receipt is for auditors: folded away until asked for
    expect(container.textContent).not.toContain(RECEIPT)
    fireEvent.click(container.querySelector('#poll-receipt-tech-toggle')!)
    expect(container.querySelector('#poll-receipt-tech-body')!.textContent).toContain(RECEIPT)
  })

  it('draws a QR code of the check link: the bulletin page with the poll and the code', () => {
    const { container } = card()
    const qr = container.querySelector('#poll-receipt-qr')!
    expect(qr.getAttribute('aria-label')).toBe(`核对回执的二维码，回执码 ${RECEIPT_CODE}`)
    // in tests API_BASE is undefined and the page's origin is jsdom's
    const link = `${location.origin}/#/packages/polls/pages/bulletin/index?id=${POLL_ID}&code=${encodeURIComponent(RECEIPT_CODE)}`
    const { rows } = qrRows(link)
    const dark = rows.reduce((n, runs) => n + runs.length, 0)
    expect(qr.querySelectorAll('.qr__dark')).toHaveLength(dark)
    // a different link would draw a different code
    expect(rows).not.toEqual(qrRows(link.replace('MFTT', 'MFTV')).rows)
  })
})
