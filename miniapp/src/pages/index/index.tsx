import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { needsNoHousehold } from '@linli/shared'
import ActionButton from '../../components/action-button'
import { Loading, ErrorState } from '../../components/state-view'
import { ApiError, loadFailure } from '../../api/client'
import type { FailureKind } from '../../api/client'
import { getHome, type HomeT } from '../../api/home'
import { isLoggedIn } from '../../api/tokens'
import { goBind, goLogin } from '../../return-to'
import { routes } from '../../routes'
import { StaffQueue } from './home-queue'
import { open } from './home-row'
import { MeetingsSection, MineSection, PollsSection, PublicSections } from './home-sections'
import { ElderHome } from './home-elder'
import { useElder } from '../../elder'
import './index.css'

type State = { status: 'loading' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; home: HomeT }

/** The one step a user still needs before the home is all theirs: log in, agree to the privacy terms, bind the household. */
function NextStep({ home }: { home: HomeT }) {
  const v = home.viewer
  if (!v) {
    return (
      <View className='card' id='home-welcome'>
        <Text className='card__title'>欢迎来到{home.community?.name ?? '邻里议事'}</Text>
        <Text className='muted'>下面是社区的公示、大家的随手拍和投票结果。登录并绑定您家后，就可以投票、上报和参与议事。</Text>
        {/* after login (and binding) the user comes back here, not to 我的 */}
        <ActionButton className='btn' id='home-login' onClick={() => goLogin({ url: routes.home, needsHousehold: true })}>登录</ActionButton>
      </View>
    )
  }
  if (!v.privacyAgreed) {
    return (
      <View className='card' id='home-welcome'>
        <Text className='muted'>请先阅读并同意隐私条款。</Text>
        <ActionButton className='btn' id='home-privacy' onClick={() => Taro.navigateTo({ url: routes.privacy })}>查看隐私条款</ActionButton>
      </View>
    )
  }
  // riders, departments, shops and supervisors have no household to bind
  if (v.householdAddress || needsNoHousehold(v.roles.map((role) => ({ role })))) return null
  return (
    <View className='card' id='home-welcome'>
      <Text className='muted' id='home-unbound'>还没有绑定您家。绑定后可以为您家投票、参加议事。请向网格员索取绑定码。</Text>
      <ActionButton className='btn' id='home-bind' onClick={() => goBind({ url: routes.home })}>绑定我家</ActionButton>
    </View>
  )
}

/** The home as the server answered it: staff queue first, then 随手拍, my household, my reports, then what anyone may read. */
export function HomeView({ home }: { home: HomeT }) {
  const [elder] = useElder()
  if (elder) return <ElderHome home={home} nextStep={<NextStep home={home} />} />
  const v = home.viewer
  // a supervisor reads only: 随手拍 would be refused
  const snap = !v?.readOnly && (
    <ActionButton className='btn home__snap' id='home-snap' onClick={() => open(routes.report)}>
      随手拍 · 上报身边问题
    </ActionButton>
  )
  return (
    <View className='page home'>
      <View className='home__hero'>
        <View role='heading' aria-level={1} className='home__title'><Text>邻里议事</Text></View>
        {v ? (
          <>
            <Text className='home__sub' id='home-greeting'>您好，{v.displayName}</Text>
            {v.householdAddress && <Text className='home__sub' id='home-address'>我家：{v.householdAddress}</Text>}
          </>
        ) : (
          <Text className='home__sub'>{home.community ? `${home.community.name} · ` : ''}大家的事大家议</Text>
        )}
      </View>
      <NextStep home={home} />
      {home.queue ? <><StaffQueue queue={home.queue} />{snap}</> : snap}
      {home.household && (
        <>
          <PollsSection polls={home.household.polls} />
          <MeetingsSection meetings={home.household.meetings} />
        </>
      )}
      {home.mine && <MineSection mine={home.mine} />}
      <PublicSections home={home} signedIn={!!v} />
      {v && v.roles.length > 0 && (
        <ActionButton className='btn btn--ghost' id='home-staff' onClick={() => Taro.navigateTo({ url: routes.staff })}>进入工作台</ActionButton>
      )}
    </View>
  )
}

/** The home, signed in or not; a session that could not be refreshed is gone, so the visitor's home is shown, not an error. */
async function fetchHome(unitId?: string): Promise<HomeT> {
  try {
    return await getHome(unitId)
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && !isLoggedIn()) return getHome(unitId)
    throw e
  }
}

export default function Home() {
  // a shared link may name the community to show a visitor (?unitId=…)
  const { params } = useRouter()
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(async () => {
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    try {
      setS({ status: 'ready', home: await fetchHome(params.unitId) })
    } catch (e) {
      setS({ status: 'error', ...loadFailure(e) })
    }
  }, [params.unitId])
  // on every show: the user may have logged in, bound a household or voted meanwhile
  useDidShow(() => { void load() })
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()) })

  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={() => void load()} /></View>
  return <HomeView home={s.home} />
}
