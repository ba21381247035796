import { errorFactory } from '../../lib/errors'

const orgError = errorFactory('org')
export const OrgErrors = {
  bindingCodeInvalid: () => orgError(400, 'binding_code_invalid', '绑定码无效或已过期，请向网格员核对', 'body.code'),
  alreadyBound: () => orgError(409, 'already_bound', '您已绑定住户，如需更换请联系网格员'),
  duplicateAddress: () => orgError(409, 'duplicate_address', '该社区已有相同地址的住户', 'body.address'),
  notLeafUnit: () => orgError(422, 'not_leaf_unit', '住户只能建在最末级单元（楼栋、单元、院坝或网格）下', 'body.unitId'),
  unitOutOfScope: () => orgError(422, 'unit_out_of_scope', '所选单元不在当前单元之下', 'body.unitId'),
  importFileMissing: () => orgError(400, 'import_file_missing', '请上传 CSV 或 XLSX 文件', 'file'),
  importFileUnreadable: (why: string) => orgError(400, 'import_file_unreadable', `无法读取文件：${why}`, 'file'),
  importFileTooLarge: () => orgError(413, 'import_file_too_large', '花名册文件不能超过 5 MB', 'file'),
  roleCodeInvalid: () => orgError(400, 'role_code_invalid', '邀请码无效或已过期，请向发码的社区或街道工作人员核对', 'body.code'),
  alreadyHoldsRole: () => orgError(409, 'already_holds_role', '您在该单位已有这个身份'),
  courtyardRoleOnly: () => orgError(422, 'courtyard_role_only', '宣传员、代办员、信息员只能在院坝上授予', 'body.role'),
  userNotFound: () => orgError(404, 'user_not_found', '用户不存在', 'body.userId'),
}
