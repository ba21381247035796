import { AuditEntityLabel } from './audit.schemas'

// Every action the server writes to the audit log, with the words the log shows for it.
// One table: the server's writeAudit only accepts a key of it (a new action without a label
// does not compile), and tests/server/audit/audit-labels.test.ts finds every action in the
// server's source (SQL included) and fails on one that is missing here.
export const AuditActionLabel = {
  'user.register_wechat': '微信注册', 'user.register_dev': '开发登录注册', 'user.update': '修改个人资料', 'user.close': '注销账号',
  'household.create': '新建房户', 'household.update': '修改房户', 'household.bind': '绑定房户', 'household.import': '导入户籍名册',
  'household.leave': '退出房户', 'binding_code.issue': '签发绑定码',
  'role.grant': '授予角色', 'role.revoke': '撤销角色', 'role_code.issue': '签发角色邀请码', 'role_code.redeem': '使用角色邀请码',
  'poll.create': '新建投票', 'poll.update': '修改投票', 'poll.schedule': '排期开启投票', 'poll.unschedule': '撤回投票排期',
  'poll.open': '开启投票', 'poll.close': '结束投票', 'poll.cancel': '取消投票', 'poll_settings.update': '修改投票设置',
  'ballot.cast': '投票',
  'report.create': '提交随手拍', 'report.support': '支持随手拍', 'report.media_check': '图片安全审核',
  'report.accept': '受理随手拍', 'report.reject': '驳回随手拍', 'report.mark_duplicate': '标记为重复', 'report.start': '开始处理',
  'report.dispatch': '派单', 'report.resolve': '办结', 'report.confirm': '确认办结', 'report.reopen': '重新打开', 'report.close': '关闭随手拍',
  'report.escalate': '超时升级督办', 'report.dispatch_ack': '部门签收', 'report.dispatch_reply': '部门回复', 'report.dispatch_overdue': '派单超时',
  'report_category.create': '新建问题类别', 'report_category.update': '修改问题类别',
  'report_department.create': '新建职能部门', 'report_department.update': '修改职能部门',
  'topic.create': '提出议题', 'topic.cosign': '联名议题',
  'meeting.create': '新建议事会议', 'meeting.update': '修改议事会议', 'meeting.attendance': '登记到会', 'meeting.resolution': '登记表决结果',
  'board.publish': '发布公示', 'board.object': '提出异议', 'board.answer': '答复异议', 'board.finalize': '公示生效',
  'tracked_item.create': '新建督办事项', 'tracked_item.update': '更新事项进度', 'tracked_item.cost': '登记实际花费',
  'tracked_item.rate': '评价事项', 'repair.log': '登记议定维修',
  'points.rules.update': '修改积分规则', 'points.award.propose': '提议积分奖励', 'points.award.approve': '批准积分奖励',
  'points.event.pay': '发放积分', 'points.forfeit': '注销时清零积分',
  'shop.item.create': '上架商品', 'shop.item.update': '修改商品', 'shop.order.create': '兑换商品', 'shop.order.pickup': '核销领取',
  'shop.order.cancel': '取消兑换', 'shop.order.expire': '兑换过期退还',
  'outreach.plan.set': '制定宣讲计划', 'outreach.session.create': '安排宣讲', 'outreach.session.record': '记录宣讲', 'outreach.attendance': '宣讲签到',
  'errand.open': '提交代办', 'errand.take': '代办员接单', 'errand.collect': '收齐材料', 'errand.submit': '递交部门', 'errand.wait': '等待部门办理',
  'errand.done': '代办办结', 'errand.refuse': '未能办理', 'errand.cancel': '撤销代办', 'errand.note': '代办备注', 'errand.rate': '评价代办',
  'errand.photo_view': '查看代办材料照片', 'errand.photos_deleted': '到期删除代办材料照片',
  'errand_type.create': '新建代办事项', 'errand_type.update': '修改代办事项', 'errand_settings.update': '修改代办设置',
  'courtyard.contact_shown': '公开院坝联系电话', 'courtyard.contact_hidden': '隐藏院坝联系电话',
  'evaluation_settings.update': '修改双向评价设置', 'evaluation.submit': '提交双向评价', 'evaluation.self_review': '提交自评',
  'evaluation.settle': '结算双向评价', 'evaluation.honour.decide': '评定五个最美',
  'open311.key_issue': '签发开放接口密钥', 'open311.key_revoke': '吊销开放接口密钥',
  'seed.demo': '写入演示数据',
} as const satisfies Record<string, string>
export type AuditAction = keyof typeof AuditActionLabel

/** Chinese names of the things an entry is about: the filterable ones plus those only a few actions touch. */
export const AuditEntityTypeLabel: Record<string, string> = {
  ...AuditEntityLabel,
  errand: '代办', errand_type: '代办事项', evaluation_period: '双向评价', evaluation_settings: '双向评价设置',
  open311_key: '开放接口密钥', points_account: '积分账户', database: '数据库',
}

export function auditActionLabel(action: string): string {
  return (AuditActionLabel as Record<string, string>)[action] ?? '其他操作'
}
export function auditEntityLabel(entity: string): string {
  return AuditEntityTypeLabel[entity] ?? '其他对象'
}
