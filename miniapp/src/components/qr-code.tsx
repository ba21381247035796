import { View } from '@tarojs/components'
import { create } from 'qrcode/lib/core/qrcode'
import './qr-code.css'

/**
 * A QR code drawn with plain views (one per run of dark modules), so the same code renders in
 * weapp and H5 without a canvas. Only qrcode's core encoder is bundled (~25 KB; in weapp only the
 * points subpackage draws one: the share sheet's QR is H5-only).
 */
export function qrRows(text: string): { size: number; rows: [number, number][][] } {
  // ASCII bytes passed as a byte segment: the core then needs no TextEncoder (absent on older weapp bases)
  const bytes = new Uint8Array([...text].map((c) => c.charCodeAt(0) & 0xff))
  const { modules } = create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M' })
  const rows: [number, number][][] = []
  for (let r = 0; r < modules.size; r++) {
    const runs: [number, number][] = []
    let start = -1
    for (let c = 0; c <= modules.size; c++) {
      const dark = c < modules.size && modules.data[r * modules.size + c] === 1
      if (dark && start < 0) start = c
      if (!dark && start >= 0) { runs.push([start, c - start]); start = -1 }
    }
    rows.push(runs)
  }
  return { size: modules.size, rows }
}

export default function QrCode({ text, label, id }: { text: string; label: string; id?: string }) {
  const { size, rows } = qrRows(text)
  // percentages of a square box sized in CSS (so pxtransform scales it) with a 4-module quiet zone
  const n = size + 8
  const pct = (v: number) => `${((v * 100) / n).toFixed(4)}%`
  return (
    <View className='qr' id={id} role='img' aria-label={label}>
      {rows.flatMap((runs, r) => runs.map(([c, len]) => (
        <View key={`${r}-${c}`} className='qr__dark' style={{ top: pct(r + 4), left: pct(c + 4), width: pct(len), height: pct(1.04) }} />
      )))}
    </View>
  )
}
