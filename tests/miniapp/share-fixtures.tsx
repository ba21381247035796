// A shared page, opened as WeChat or the H5 router opens it: the route's component rendered with
// the card's query as router params, shown, and asked for its share cards.
import { act, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current, getPageInstance } from '@tarojs/runtime'
import { BoardPost, Meeting, TrackedItem, Unit } from '@linli/shared'
import { routes } from '../../miniapp/src/routes'
import PollDetail from '../../miniapp/src/packages/polls/pages/detail/index'
import PostDetail from '../../miniapp/src/packages/board/pages/detail/index'
import MeetingDetail from '../../miniapp/src/packages/deliberation/pages/meeting/index'
import TrackedItemDetail from '../../miniapp/src/packages/board/pages/item/index'
import PublicReport from '../../miniapp/src/packages/reports/pages/public/index'
import { makeMe } from './fixtures'
import { makePoll } from './polls-fixtures'

export const UNIT = '7d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6'
const title = (what: string, id: string) => `${what}${id.slice(0, 4)}`

/** the detail pages a card may name, by route (a card naming any other page fails the test) */
export const pages: Record<string, () => JSX.Element> = {
  [routes.pollDetail]: PollDetail,
  [routes.boardPost]: PostDetail,
  [routes.meetingDetail]: MeetingDetail,
  [routes.trackedItem]: TrackedItemDetail,
  [routes.reportPublic]: PublicReport,
}

/** what the API answers for an entity id: its title carries the id, so a page shows which one it loaded */
export function entityFor(url: string): unknown | undefined {
  let m: RegExpMatchArray | null
  if ((m = url.match(/\/api\/v1\/polls\/([\w-]+)$/))) return makePoll({ id: m[1], title: title('投票', m[1]) })
  if ((m = url.match(/\/api\/v1\/board\/posts\/([\w-]+)$/))) {
    return BoardPost.parse({
      id: m[1], unitId: UNIT, unitName: '幸福社区', kind: 'fund_use', title: title('公示', m[1]), sourceId: null, status: 'publicizing',
      publishedAt: '2026-11-23T01:00:00.000Z', windowEndsAt: '2026-12-07T01:00:00.000Z', finalizedAt: null, objectionCount: 0, unansweredCount: 0,
      body: '购买灭火器 12 具', windowOpen: true, trackedItemId: null, objections: [],
    })
  }
  if ((m = url.match(/\/api\/v1\/meetings\/([\w-]+)$/))) {
    return Meeting.parse({
      id: m[1], kind: 'bench', kindLabel: '板凳会', unitId: UNIT, unitName: '幸福社区', title: title('会议', m[1]), startsAt: '2026-11-25T19:30:00+08:00',
      place: '黄桷树下', host: '周主任', createdAt: '2026-11-23T09:00:00+08:00', minutes: null, agenda: [],
      attendance: { visibility: 'all', householdCount: 0, userCount: 0, households: [], users: [] },
    })
  }
  if ((m = url.match(/\/api\/v1\/tracked-items\/([\w-]+)$/))) {
    return TrackedItem.parse({
      id: m[1], unitId: UNIT, unitName: '幸福社区', source: 'annual_project', sourceId: null, title: title('事项', m[1]), location: null,
      responsible: '社区居委会', budgetFen: 500_000, fundSource: 'fiscal', fundSourceLabel: '财政', plannedStart: null, plannedEnd: null,
      status: 'in_progress', progress: 40, spentFen: 0, overspent: false, overdue: false, createdAt: '2026-10-01T01:00:00.000Z',
      description: '', repair: null, timeline: [], costs: [], completedAt: null, boardPostId: null,
      beforePhotos: [{ id: m[1], url: `/api/v1/uploads/${m[1]}?exp=1&sig=s`, thumbUrl: `/api/v1/uploads/${m[1]}/thumb?exp=1&sig=s` }],
      ratings: { satisfied: 0, basically_satisfied: 0, dissatisfied: 0, total: 0, mine: null },
    })
  }
  if ((m = url.match(/\/api\/v1\/reports\/([\w-]+)\/public$/))) {
    return {
      id: m[1], category: 'road', categoryName: '道路', description: title('上报', m[1]), location: { lat: 30.66, lng: 104.06 }, status: 'accepted',
      supportCount: 2, photos: [], timeline: [{ action: 'accept', status: 'accepted', at: '2026-11-23T01:00:00.000Z' }],
      createdAt: '2026-11-22T01:00:00.000Z',
    }
  }
  if (url.endsWith('/api/v1/me')) return makeMe()
  if ((m = url.match(/\/api\/v1\/units\/([\w-]+)$/))) return Unit.parse({ id: m[1], parentId: null, kind: 'community', name: '幸福社区', boundary: null })
  if ((m = url.match(/\/api\/v1\/units\/([\w-]+)\/ancestors$/))) return { items: [Unit.parse({ id: m[1], parentId: null, kind: 'community', name: '幸福社区', boundary: null })] }
  return undefined
}

/** a fake API behind Taro.request: the entities above, 404 for anything else */
export function serveApi(): jest.SpyInstance {
  return jest.spyOn(Taro, 'request').mockImplementation((async (o: { url: string }) => {
    const data = entityFor(o.url)
    return data === undefined
      ? { statusCode: 404, data: { error: { code: 'not_found', message: '内容不存在' } }, header: {}, errMsg: 'request:ok' }
      : { statusCode: 200, data, header: {}, errMsg: 'request:ok' }
  }) as any)
}

function hooks(name: string): ((...a: unknown[]) => any)[] {
  // pages rendered outside a Taro page context register on the app-level instance
  const list = (getPageInstance('taro-app') as any)?.[name]
  return Array.isArray(list) ? list : list ? [list] : []
}

/** Opens a page path (`/packages/…/index?id=…`) the way a card does: its component with the query as router params, then shown. */
export async function openPath(path: string) {
  const [route, query = ''] = path.split('?')
  const Page = pages[route]
  if (!Page) throw new Error(`no shareable page at ${route}`)
  const params = Object.fromEntries(new URLSearchParams(query))
  ;(Current as any).router = { path: route, params, onReady: '', onHide: '', onShow: '' }
  const view = render(<Page />)
  await act(async () => { hooks('componentDidShow').forEach((f) => f()) })
  return view
}

/** what WeChat gets when the user shares the open page to a chat and to 朋友圈 */
export function cards() {
  return {
    chat: hooks('onShareAppMessage').map((f) => f({ from: 'menu' })),
    timeline: hooks('onShareTimeline').map((f) => f()),
  }
}
