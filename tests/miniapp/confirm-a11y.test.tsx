import { act, render, waitFor } from '@testing-library/react'
import { useConfirm } from '../../miniapp/src/components/confirm'
import { nameFormControls } from '../../miniapp/src/a11y-h5'
import { confirmDialog } from './confirm-dialog'

let ask: ReturnType<typeof useConfirm>[1]
function Host() {
  const [dialog, confirm] = useConfirm()
  ask = confirm
  return <>{dialog}</>
}

describe('confirm dialog in H5', () => {
  it('is announced as a modal dialog named by its title, each time it opens', async () => {
    nameFormControls()
    render(<Host />)
    for (const title of ['确认投票', '确认核销']) {
      let answer!: Promise<boolean>
      act(() => { answer = ask({ title, lines: [{ label: '您的选择', value: '同意' }], confirmText: '确认' }) })
      // named within a frame of opening
      const box = await waitFor(() => {
        const b = document.querySelector('[role=dialog]')
        expect(document.getElementById(b?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(title)
        return b!
      })
      expect(box.getAttribute('aria-modal')).toBe('true')
      expect(box.querySelector('#confirm-body')!.textContent).toContain('同意')
      await confirmDialog()
      await expect(answer).resolves.toBe(true)
    }
  })
})
