import { View, Text } from '@tarojs/components'
import ActionButton from '../../../../components/action-button'
import { MenuCell, MenuGroup } from '../../../../components/menu-cell'
import {
  Category, Comment, Edit, Gift, List, List2, Order, Photograph, Processing, QrCode, Repairman, Scan, Service, Setting, ShieldCheck,
  Star, Store, Transit, User, Voice, Warning, Feedback, Success,
} from '@nutui/icons-react-taro'
import Taro from '@tarojs/taro'
import { RoleLabel, workbenchEntries, type Role, type WorkbenchEntryKey } from '@linli/shared'
import { useSession } from '../../../../session'
import type { MeT } from '../../../../api/auth'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { routes, withQuery } from '../../../../routes'

/** element ids of the entries (tests and e2e find them by these) */
const ENTRY_ID: Record<WorkbenchEntryKey, string> = {
  report_new: 'report-new', report_queue: 'report-queue', report_overdue: 'report-overdue', dispatches: 'dispatches',
  households: 'unit', role_codes: 'role-codes', poll_new: 'poll-new', poll_manage: 'poll-manage', poll_paper: 'poll-paper',
  report_settings: 'report-settings', meeting_new: 'meeting-new', points_admin: 'points-admin', points_award: 'points-award',
  points_pickup: 'points-pickup', repair_new: 'repair-new', tracked_items: 'tracked-items', audit: 'audit', stats: 'stats',
  errands: 'errands', errand_types: 'errand-types', report_on_behalf: 'report-on-behalf', topic_on_behalf: 'topic-on-behalf',
  outreach: 'outreach',
  evaluation_results: 'evaluation-results', self_review: 'self-review',
}

/** Where each entry leads, for one unit. */
export function entryUrl(key: WorkbenchEntryKey, unitId: string, name: string, roles: Role[]): string {
  const q = { unitId, name }
  switch (key) {
    case 'report_new': return routes.reportNew
    case 'report_queue': return withQuery(routes.reportQueue, q)
    case 'report_overdue': return withQuery(routes.reportOverdue, q)
    case 'dispatches': return routes.reportDispatches
    case 'households': return withQuery(routes.households, q)
    case 'role_codes': return withQuery(routes.roleCodeNew, q)
    case 'poll_new': return routes.pollNew
    case 'poll_manage': return withQuery(routes.pollManage, { unitId })
    case 'poll_paper': return withQuery(routes.pollPaper, { unitId })
    case 'report_settings': return withQuery(routes.reportSettings, q)
    case 'meeting_new': return withQuery(routes.meetingNew, { unitId })
    case 'points_admin': return withQuery(routes.pointsAdmin, { ...q, role: roles.includes('community_admin') ? 'community_admin' : 'shopkeeper' })
    case 'points_award': return withQuery(routes.pointsAdmin, { ...q, role: 'courtyard_head' })
    case 'points_pickup': return routes.pointsPickup
    case 'repair_new': return withQuery(routes.repairNew, q)
    case 'tracked_items': return withQuery(routes.trackedItems, q)
    case 'audit': return withQuery(routes.audit, q)
    case 'stats': return withQuery(routes.statsDashboard, q)
    case 'errands': return withQuery(routes.errands, q)
    case 'errand_types': return withQuery(routes.errandTypes, q)
    case 'report_on_behalf': return withQuery(routes.onBehalf, { ...q, kind: 'report' })
    case 'topic_on_behalf': return withQuery(routes.onBehalf, { ...q, kind: 'topic' })
    case 'outreach': return withQuery(routes.outreach, q)
    case 'evaluation_results': return withQuery(routes.evaluationResults, q)
    case 'self_review': return withQuery(routes.selfReview, q)
  }
}

/** each workbench entry's icon (NutUI icons, one file each) */
const ENTRY_ICON: Partial<Record<WorkbenchEntryKey, typeof List>> = {
  report_new: Photograph, report_queue: List, report_overdue: Warning, dispatches: Transit, households: User, role_codes: QrCode,
  poll_new: Edit, poll_manage: Setting, poll_paper: Order, report_settings: Setting, meeting_new: Comment, points_admin: Store,
  points_award: Gift, points_pickup: Scan, repair_new: Repairman, tracked_items: Processing, audit: ShieldCheck, stats: Category,
  errands: Service, errand_types: List2, report_on_behalf: Photograph, topic_on_behalf: Feedback, outreach: Voice,
  evaluation_results: Star, self_review: Success,
}

function iconOf(key: WorkbenchEntryKey) {
  const Icon = ENTRY_ICON[key]
  return Icon ? <Icon /> : undefined
}

/** The workbench: per unit the user holds a role on, the entries those roles may use (shared WORKBENCH_ENTRIES). */
export default function Staff() {
  const [s, reload] = useSession()
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous') {
    return (
      <View className='page'>
        <Empty title='请先登录' text='工作台仅对社区工作人员开放。'>
          <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.password })}>工作人员登录</ActionButton>
        </Empty>
      </View>
    )
  }
  return <Workbench me={s.me} />
}

/** the entries of each unit the user holds a role on */
export function Workbench({ me }: { me: MeT }) {
  const units = new Map<string, { name: string; roles: string[]; keys: Role[] }>()
  for (const r of me.roles) {
    const u = units.get(r.unitId) ?? { name: r.unitName, roles: [], keys: [] }
    u.roles.push(RoleLabel[r.role] ?? r.role)
    u.keys.push(r.role)
    units.set(r.unitId, u)
  }
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>工作台</Text></View>
      <Text className='hint'>{me.displayName}，请选择要管理的单位。</Text>
      {units.size === 0 ? (
        <Empty title='您还没有工作人员身份' text='如需工作人员身份，请向社区工作人员索取邀请码。'>
          <ActionButton className='btn' id='staff-role-code' onClick={() => Taro.navigateTo({ url: routes.roleCode })}>输入邀请码</ActionButton>
        </Empty>
      ) : (
        [...units.entries()].map(([id, u]) => (
          <View className='card' key={id}>
            <Text className='card__title'>{u.name}</Text>
            <View>{u.roles.map((r) => <Text className='tag' key={r}>{r}</Text>)}</View>
            <MenuGroup>
              {workbenchEntries(u.keys).map((e) => (
                <MenuCell key={e.key} id={`${ENTRY_ID[e.key]}-${id}`} title={e.label} icon={iconOf(e.key)}
                  onClick={() => Taro.navigateTo({ url: entryUrl(e.key, id, u.name, u.keys) })} />
              ))}
            </MenuGroup>
          </View>
        ))
      )}
    </View>
  )
}
