// qrcode ships no types; only its platform-free core is used (no canvas, no Buffer, no TextEncoder)
declare module 'qrcode/lib/core/qrcode' {
  export function create(segments: { data: Uint8Array; mode: 'byte' }[], opts?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): {
    modules: { size: number; data: Uint8Array }
  }
}
