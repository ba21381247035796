// Photos: POST /uploads (multipart, checked by content on the server), used by 随手拍 and 跟踪落实.
import { Upload } from '@linli/shared'
import { upload } from './client'

export function uploadPhoto(filePath: string, onProgress?: (percent: number) => void) {
  return upload('/uploads', { filePath, field: 'file', schema: Upload, onProgress })
}
