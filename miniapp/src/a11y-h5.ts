/**
 * H5 only: names for form controls and photos that Taro's web components leave unnamed, so a
 * screen reader says what a field is for (axe-core's "label", "image-alt" and
 * "aria-prohibited-attr" rules; tests/e2e/tour.e2e.test.ts checks every page).
 * - Taro's <Textarea aria-label> puts the label on its <taro-textarea-core> wrapper, not on the
 *   <textarea> inside it: the label is copied down.
 * - Our fields are <View class="field"><Text class="field__label">…</Text><Input/></View>: a visible
 *   label not tied to its input (weapp has no <label for>). An unnamed input in a field is named by it.
 * - Taro's <Image ariaLabel> labels its <div> (not allowed on a plain div) and leaves the <img>
 *   without alt: the label becomes the img's alt; an image with none is decoration (alt="").
 * - NutUI's Dialog (our confirm before what cannot be undone) renders plain divs: its box gets
 *   role="dialog", aria-modal and its title as the name, so a screen reader announces it as one.
 * Done for what changed, once per frame, so it costs nothing while nothing changes.
 */
let dialogs = 0
const named = (el: Element) => el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')

function nameWhatIsNew() {
  for (const area of document.querySelectorAll('taro-textarea-core[aria-label] > textarea:not([aria-label])')) {
    area.setAttribute('aria-label', area.parentElement!.getAttribute('aria-label')!)
  }
  for (const control of document.querySelectorAll('.field input:not([type=hidden]):not([aria-label]), .field textarea:not([aria-label])')) {
    if (named(control) || (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`))) continue
    const label = control.closest('.field')?.querySelector('.field__label')?.textContent?.trim()
    if (label) control.setAttribute('aria-label', label)
  }
  for (const img of document.querySelectorAll('.taro-img > img:not([alt])')) {
    const box = img.parentElement!
    img.setAttribute('alt', box.getAttribute('aria-label') ?? '')
    box.removeAttribute('aria-label')
  }
  // a reopened dialog can keep its box but gets a new title element: checked on every change
  for (const box of document.querySelectorAll('.nut-dialog-outer')) {
    box.setAttribute('role', 'dialog')
    box.setAttribute('aria-modal', 'true')
    const title = box.querySelector('.nut-dialog-header')
    if (title) {
      if (!title.id) title.id = `dialog-title-${++dialogs}`
      box.setAttribute('aria-labelledby', title.id)
    }
  }
}

export function nameFormControls() {
  let queued = false
  const run = () => { queued = false; nameWhatIsNew() }
  new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(run) }
  }).observe(document.body, { childList: true, subtree: true })
  run()
}
