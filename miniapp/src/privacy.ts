// WeChat's own privacy flow (__usePrivacyCheck__ in app.config.ts): before the first private API
// (location, album, camera) WeChat asks the app, through onNeedPrivacyAuthorization, to show its
// consent; the app shows our sheet (components/privacy-sheet.tsx, linking to the 隐私条款 page) and
// answers agree or disagree. H5 has no such API: everything here resolves at once there.
import Taro from '@tarojs/taro'

type Answer = { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }
type Sheet = (open: boolean) => void

/** read at call time (the build makes it a constant; tests switch it) */
const isWeapp = () => process.env.TARO_ENV === 'weapp'
let pending: ((a: Answer) => void) | null = null
/** mounted sheets, the newest last: only the page on top shows the question */
const sheets: Sheet[] = []
let installed = false

/** Once, at launch: WeChat calls us whenever a private API needs the user's consent. */
export function installPrivacyHandler(): void {
  if (!isWeapp() || installed || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  installed = true
  Taro.onNeedPrivacyAuthorization((resolve) => {
    const top = sheets[sheets.length - 1]
    // no page can show our sheet: refuse rather than let WeChat's API wait forever
    if (!top) { resolve({ event: 'disagree' }); return }
    pending = resolve
    resolve({ event: 'exposureAuthorization' })
    top(true)
  })
}

/** The sheet's buttons: agree (the id of the button with open-type agreePrivacyAuthorization, which WeChat checks) or disagree. */
export function answerPrivacy(agree: boolean, buttonId?: string): void {
  pending?.(agree ? { event: 'agree', buttonId } : { event: 'disagree' })
  pending = null
  for (const s of sheets) s(false)
}

export function registerSheet(sheet: Sheet): () => void {
  sheets.push(sheet)
  return () => { const i = sheets.indexOf(sheet); if (i >= 0) sheets.splice(i, 1) }
}

/**
 * Call before the first private API of an action. Resolves once the user has agreed (at once when
 * agreed before, and always in H5); rejects with a Chinese message when they decline.
 */
export function requirePrivacy(): Promise<void> {
  if (!isWeapp() || typeof Taro.requirePrivacyAuthorize !== 'function') return Promise.resolve()
  installPrivacyHandler()
  return new Promise((resolve, reject) => {
    Taro.requirePrivacyAuthorize({
      success: () => resolve(),
      fail: () => reject(new Error('您未同意隐私条款，无法使用相机、相册或定位')),
    })
  })
}
