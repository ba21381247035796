import { errorFactory } from '../../lib/errors'
import { UPLOAD_LIMITS } from '@linli/shared'

const uploadError = errorFactory('uploads')
export const UploadErrors = {
  fileMissing: () => uploadError(400, 'file_missing', '请选择要上传的图片', 'file'),
  unsupportedType: () => uploadError(415, 'unsupported_type', '只支持 JPEG、PNG、WebP 图片', 'file'),
  tooLarge: () => uploadError(413, 'too_large', `图片不能超过 ${UPLOAD_LIMITS.maxBytes / 1024 / 1024} MB`, 'file'),
  tooManyPixels: () => uploadError(422, 'too_many_pixels', `图片像素过多（上限 ${UPLOAD_LIMITS.maxPixels / 1_000_000} 百万像素）`, 'file'),
  unreadable: () => uploadError(422, 'unreadable', '图片已损坏或无法识别', 'file'),
  notFound: () => uploadError(404, 'not_found', '图片不存在'),
  loginRequired: () => uploadError(401, 'login_required', '该图片仅上报人和相关工作人员可见，请先登录'),
  linkExpired: () => uploadError(401, 'link_expired', '图片链接已过期，请刷新页面后重试'),
}
