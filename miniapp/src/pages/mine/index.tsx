import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import ActionButton from '../../components/action-button'
import Taro, { useDidShow } from '@tarojs/taro'
import { RoleLabel, needsNoHousehold } from '@linli/shared'
import { useSession, isStaff } from '../../session'
import { logout, type MeT } from '../../api/auth'
import { Loading, ErrorState, Empty } from '../../components/state-view'
import { routes, withQuery } from '../../routes'
import { goLogin } from '../../return-to'
import { getMyPoints } from '../../api/points'
import { isLoggedIn } from '../../api/tokens'
import { MessagesEntry, useUnreadCount } from '../../components/messages-entry'
import './index.css'
import InfoRow from '../../components/info-row'
import ElderSwitch from '../../components/elder-switch'
import { MenuCell, MenuGroup } from '../../components/menu-cell'
import { Category, Gift, Home, QrCode, Service, Star, User } from '@nutui/icons-react-taro'
import { formatNumber } from '../../format'

function HouseholdCard({ me }: { me: MeT }) {
  const h = me.household
  // a rider, a department's staff, a shopkeeper: staff without a household are never asked to bind one
  if (!h && needsNoHousehold(me.roles)) return null
  if (!h) {
    return (
      <View className='card' id='mine-unbound'>
        <Text className='card__title'>我家</Text>
        <Text className='muted'>还没有绑定您家。绑定后才能代表您家参与投票。请向网格员索取绑定码（或查看门口的通知单）。</Text>
        <ActionButton className='btn' id='mine-bind' onClick={() => Taro.navigateTo({ url: routes.bind })}>绑定我家</ActionButton>
      </View>
    )
  }
  return (
    <View className='card' id='mine-household'>
      <Text className='card__title'>我家</Text>
      <InfoRow label='地址' value={h.address} id='mine-address' />
      <InfoRow label='所属' value={h.unitPath || h.unitName} id='mine-unit' />
      <InfoRow label='身份' value={h.isHead ? RoleLabel.household_head : '家庭成员'} />
      {h.area !== null && <InfoRow label='面积' value={`${h.area} 平方米`} />}
      <MenuGroup>
        <MenuCell id='mine-courtyard' icon={<Home />} title='我的院坝' description='一长三员' onClick={() => Taro.navigateTo({ url: withQuery(routes.courtyard, { unitId: h.unitId }) })} />
        <MenuCell id='mine-errands' icon={<Service />} title='我家的代办' onClick={() => Taro.navigateTo({ url: routes.errands })} />
        <MenuCell id='mine-evaluate' icon={<Star />} title='院坝双向评价' onClick={() => Taro.navigateTo({ url: routes.evaluate })} />
      </MenuGroup>
    </View>
  )
}

/** 积分 entry: my balance (null while loading or when it could not be read) and the way to the ledger and shop */
function PointsCard({ balance }: { balance: number | null }) {
  return (
    <View className='card' id='mine-points'>
      <View className='row'>
        <Text className='card__title'>我的积分</Text>
        <Text className='row__value' id='mine-points-balance'>{balance === null ? '—' : `${formatNumber(balance)} 分`}</Text>
      </View>
      <MenuGroup>
        <MenuCell id='mine-points-go' icon={<Gift />} title='积分明细与积分超市' onClick={() => Taro.navigateTo({ url: routes.points })} />
      </MenuGroup>
    </View>
  )
}

export function MineView({ me, onLogout, balance = null, unread = null }: { me: MeT; onLogout: () => void; balance?: number | null; unread?: number | null }) {
  const roles = [
    ...(me.household ? [RoleLabel.resident] : []),
    ...me.roles.map((r) => `${RoleLabel[r.role] ?? r.role}（${r.unitName}）`),
  ]
  return (
    <View className='page mine'>
      <View className='card mine__profile'>
        <View role='heading' aria-level={1} className='h1' id='mine-name'><Text>{me.displayName}</Text></View>
        {me.username && <Text className='muted'>账号：{me.username}</Text>}
      </View>
      {!me.privacyAgreedAt && (
        <View className='card'>
          <Text className='muted'>您还没有同意隐私条款，部分功能暂不可用。</Text>
          <ActionButton className='btn' onClick={() => Taro.navigateTo({ url: routes.privacy })}>查看隐私条款</ActionButton>
        </View>
      )}
      <MessagesEntry unread={unread} />
      <ElderSwitch />
      <HouseholdCard me={me} />
      <PointsCard balance={balance} />
      <View className='card' id='mine-roles'>
        <Text className='card__title'>我的身份</Text>
        {roles.length === 0 ? (
          <Text className='muted'>暂无身份。绑定您家后即为本社区居民。</Text>
        ) : (
          <View>{roles.map((r) => <Text className='tag' key={r}>{r}</Text>)}</View>
        )}
        <MenuGroup>
          <MenuCell id='mine-role-code' icon={<QrCode />} title='输入邀请码' description='骑手、观察员' onClick={() => Taro.navigateTo({ url: routes.roleCode })} />
          {isStaff(me) && (
            <MenuCell id='mine-staff' icon={<Category />} title='进入工作台' onClick={() => Taro.navigateTo({ url: routes.staff })} />
          )}
        </MenuGroup>
      </View>
      <MenuGroup>
        <MenuCell id='mine-my-data' icon={<User />} title='个人信息' description='查看、导出、注销账号' onClick={() => Taro.navigateTo({ url: routes.myData })} />
      </MenuGroup>
      <ActionButton className='btn btn--danger' id='mine-logout' onClick={onLogout}>退出登录</ActionButton>
    </View>
  )
}

export default function Mine() {
  const [s, reload] = useSession()
  const [balance, setBalance] = useState<number | null>(null)
  const unread = useUnreadCount(s.status === 'anonymous')
  useDidShow(() => {
    if (isLoggedIn()) getMyPoints().then((p) => setBalance(p.balance)).catch(() => setBalance(null))
  })
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={reload} /></View>
  if (s.status === 'anonymous') {
    return (
      <View className='page'>
        <Empty title='您还没有登录' text='登录后可以查看您家信息、参与议事和投票。'>
          <ActionButton className='btn' id='mine-login' onClick={() => goLogin()}>登录</ActionButton>
        </Empty>
        {/* larger text is for everyone, signed in or not */}
        <ElderSwitch />
      </View>
    )
  }
  return <MineView me={s.me} balance={balance} unread={unread} onLogout={() => { void logout().then(reload) }} />
}
