import { fireEvent, waitFor } from '@testing-library/react'

/**
 * The confirm dialog before what cannot be undone (miniapp/src/components/confirm.tsx, NutUI's
 * Dialog): waits for it, returns what it shows (the choice, household, item…) and taps its
 * confirm button - or its cancel button with { cancel: true }.
 */
export async function confirmDialog(opts: { cancel?: boolean } = {}): Promise<string> {
  const body = await waitFor(() => {
    const b = document.querySelector('#confirm-body')
    if (!b) throw new Error('the confirm dialog is not open')
    return b
  })
  const text = body.textContent ?? ''
  const button = document.querySelector(opts.cancel ? '.nut-dialog-footer-cancel' : '.nut-dialog-footer-ok')
  if (!button) throw new Error('the confirm dialog has no button')
  fireEvent.click(button)
  await waitFor(() => expect(document.querySelector('#confirm-body')).toBeNull())
  return text
}
