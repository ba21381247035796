import type { Metadata } from 'sharp'
import { UPLOAD_LIMITS } from '@linli/shared'
import { UploadErrors } from './uploads.errors'

export type ImageType = (typeof UPLOAD_LIMITS.types)[number]

/** The type by content (magic bytes), never by the file name or the client's Content-Type. */
export function sniffImageType(b: Buffer): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp'
  return null
}

/** PNG's IHDR states the size in its first bytes: read before any decoder sees the data. */
function pngHeaderSize(b: Buffer): { width: number; height: number } | null {
  if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return null
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

export interface ProcessedImage { image: Buffer; thumb: Buffer; width: number; height: number; contentType: 'image/jpeg' }

/**
 * Refuses decompression bombs before decoding (header size, then sharp's own pixel limit),
 * turns the image upright by its EXIF orientation, and re-encodes it: sharp writes no
 * metadata unless asked, so EXIF (GPS!), XMP and the orientation tag are gone.
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  // loaded on the first upload, not at start: libvips adds ~20 MB to every server process's RSS
  const { default: sharp } = await import('sharp')
  const type = sniffImageType(input)
  if (!type) throw UploadErrors.unsupportedType()
  const tooMany = (w: number, h: number) => w * h > UPLOAD_LIMITS.maxPixels
  if (type === 'image/png') {
    const size = pngHeaderSize(input)
    if (size && tooMany(size.width, size.height)) throw UploadErrors.tooManyPixels()
  }
  let meta: Metadata
  try {
    meta = await sharp(input, { limitInputPixels: UPLOAD_LIMITS.maxPixels }).metadata()
  } catch (err) {
    throw mapSharpError(err)
  }
  if (!meta.width || !meta.height) throw UploadErrors.unreadable()
  if (tooMany(meta.width, meta.height)) throw UploadErrors.tooManyPixels()

  const base = () => sharp(input, { limitInputPixels: UPLOAD_LIMITS.maxPixels, failOn: 'error' })
    .rotate() // no angle: apply the EXIF orientation
    .flatten({ background: '#ffffff' })
  try {
    const { data: image, info } = await base()
      .resize({ width: UPLOAD_LIMITS.maxEdge, height: UPLOAD_LIMITS.maxEdge, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
    const thumb = await base()
      .resize({ width: UPLOAD_LIMITS.thumbEdge, height: UPLOAD_LIMITS.thumbEdge, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer()
    return { image, thumb, width: info.width, height: info.height, contentType: 'image/jpeg' }
  } catch (err) {
    throw mapSharpError(err)
  }
}

function mapSharpError(err: unknown) {
  const message = err instanceof Error ? err.message : String(err)
  return /pixel limit/i.test(message) ? UploadErrors.tooManyPixels() : UploadErrors.unreadable()
}
