import { View, Text } from '@tarojs/components'
import ActionButton from '../../../../components/action-button'
import Taro from '@tarojs/taro'
import { RoleLabel } from '@linli/shared'
import { useSession } from '../../../../session'
import { Loading, ErrorState, Empty } from '../../../../components/state-view'
import { routes, withQuery } from '../../../../routes'

/** The workbench: one entry per unit the user holds a role on. */
export default function Staff() {
  const [s, reload] = useSession()
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} onRetry={reload} /></View>
  if (s.status === 'anonymous') {
    return (
      <View className='page'>
        <Empty title='请先登录' text='工作台仅对社区工作人员开放。'>
          <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.password })}>工作人员登录</ActionButton>
        </Empty>
      </View>
    )
  }
  const units = new Map<string, { name: string; roles: string[]; keys: string[] }>()
  for (const r of s.me.roles) {
    const u = units.get(r.unitId) ?? { name: r.unitName, roles: [], keys: [] }
    u.roles.push(RoleLabel[r.role] ?? r.role)
    u.keys.push(r.role)
    units.set(r.unitId, u)
  }
  return (
    <View className='page'>
      <View role='heading' aria-level={1} className='h1'><Text>工作台</Text></View>
      <Text className='hint'>{s.me.displayName}，请选择要管理的单位。</Text>
      {units.size === 0 ? (
        <Empty title='您还没有工作人员身份' text='如需管理住户名册，请联系社区管理员为您授权。' />
      ) : (
        [...units.entries()].map(([id, u]) => (
          <View className='card' key={id}>
            <Text className='card__title'>{u.name}</Text>
            <View>{u.roles.map((r) => <Text className='tag' key={r}>{r}</Text>)}</View>
            <ActionButton className='btn' id={`unit-${id}`}
              onClick={() => Taro.navigateTo({ url: withQuery(routes.households, { unitId: id, name: u.name }) })}>
              住户名册
            </ActionButton>
            {u.keys.includes('community_admin') && (
              <>
                <ActionButton className='btn btn--ghost' id={`poll-new-${id}`} onClick={() => Taro.navigateTo({ url: routes.pollNew })}>发起投票</ActionButton>
                <ActionButton className='btn btn--ghost' id={`poll-manage-${id}`}
                  onClick={() => Taro.navigateTo({ url: withQuery(routes.pollManage, { unitId: id }) })}>投票管理</ActionButton>
              </>
            )}
            {(u.keys.includes('grid_worker') || u.keys.includes('community_admin')) && (
              <ActionButton className='btn btn--ghost' id={`poll-paper-${id}`}
                onClick={() => Taro.navigateTo({ url: withQuery(routes.pollPaper, { unitId: id }) })}>录入纸质票</ActionButton>
            )}
            {(u.keys.includes('grid_worker') || u.keys.includes('community_admin')) && (
              <ActionButton className='btn btn--ghost' id={`report-queue-${id}`}
                onClick={() => Taro.navigateTo({ url: withQuery(routes.reportQueue, { unitId: id, name: u.name }) })}>上报处理</ActionButton>
            )}
            {(['community_admin', 'grid_worker', 'supervisor'] as const).some((k) => u.keys.includes(k)) && (
              <ActionButton className='btn btn--ghost' id={`report-overdue-${id}`}
                onClick={() => Taro.navigateTo({ url: withQuery(routes.reportOverdue, { unitId: id, name: u.name }) })}>挂牌督办</ActionButton>
            )}
            {u.keys.includes('community_admin') && (
              <ActionButton className='btn btn--ghost' id={`report-settings-${id}`}
                onClick={() => Taro.navigateTo({ url: withQuery(routes.reportSettings, { unitId: id, name: u.name }) })}>上报设置</ActionButton>
            )}
            {(u.keys.includes('community_admin') || u.keys.includes('courtyard_head')) && (
              <ActionButton className='btn btn--ghost' id={`meeting-new-${id}`}
                onClick={() => Taro.navigateTo({ url: withQuery(routes.meetingNew, { unitId: id }) })}>召集议事会议</ActionButton>
            )}
            {u.keys.includes('dept_staff') && (
              <ActionButton className='btn btn--ghost' id={`dispatches-${id}`} onClick={() => Taro.navigateTo({ url: routes.reportDispatches })}>部门派单</ActionButton>
            )}
            {(['community_admin', 'shopkeeper', 'courtyard_head'] as const).filter((k) => u.keys.includes(k)).slice(0, 1).map((k) => (
              <ActionButton key={k} className='btn btn--ghost' id={`points-admin-${id}`}
                onClick={() => Taro.navigateTo({ url: withQuery(routes.pointsAdmin, { unitId: id, role: k, name: u.name }) })}>
                {k === 'courtyard_head' ? '积分奖励' : '积分超市管理'}
              </ActionButton>
            ))}
            {u.keys.includes('courtyard_head') && (
              <ActionButton className='btn btn--ghost' id={`repair-new-${id}`}
                onClick={() => Taro.navigateTo({ url: withQuery(routes.repairNew, { unitId: id, name: u.name }) })}>登记修缮</ActionButton>
            )}
            {(['community_admin', 'grid_worker', 'courtyard_head'] as const).some((k) => u.keys.includes(k)) && (
              <ActionButton className='btn btn--ghost' id={`tracked-items-${id}`}
                onClick={() => Taro.navigateTo({ url: withQuery(routes.trackedItems, { unitId: id, name: u.name }) })}>跟踪落实</ActionButton>
            )}
            {(u.keys.includes('community_admin') || u.keys.includes('supervisor')) && (
              <ActionButton className='btn btn--ghost' id={`audit-${id}`}
                onClick={() => Taro.navigateTo({ url: withQuery(routes.audit, { unitId: id, name: u.name }) })}>审计日志</ActionButton>
            )}
            {u.keys.includes('shopkeeper') && (
              <ActionButton className='btn btn--ghost' id={`points-pickup-${id}`} onClick={() => Taro.navigateTo({ url: routes.pointsPickup })}>核销提货码</ActionButton>
            )}
          </View>
        ))
      )}
    </View>
  )
}
