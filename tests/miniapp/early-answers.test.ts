import { takeEarly } from '../../miniapp/src/api/early'

// H5: index.html starts a tab's first GETs before the app's scripts run (config/page-preload.ts);
// the first matching request takes each answer once, and an answer no page took within 15 s is
// not handed to a later visit (it may be out of date). The clock is moved, not waited for.
const env = process.env.TARO_ENV
const answer = { statusCode: 200, data: { items: [1] } }
type Early = { url: string; token: string; res: Promise<typeof answer>; at: number }
const early = (url: string, at = Date.now()): Early => ({ url, token: 'tok', res: Promise.resolve(answer), at })
const calls = () => window as unknown as { __linliEarly?: Early[] }

beforeEach(() => { process.env.TARO_ENV = 'h5'; jest.useFakeTimers({ now: new Date('2026-12-05T08:00:00Z') }) })
afterEach(() => { process.env.TARO_ENV = env; jest.useRealTimers(); delete calls().__linliEarly })

it('hands each early answer to the first matching GET, once, and only with the same token', async () => {
  calls().__linliEarly = [early('/api/v1/me'), early('/api/v1/polls?status=open')]
  expect(await takeEarly('/api/v1/me', 'another')).toBeNull()
  expect(await takeEarly('/api/v1/polls?status=open', 'tok')).toEqual(answer)
  expect(await takeEarly('/api/v1/polls?status=open', 'tok')).toBeNull()
  expect(await takeEarly('/api/v1/me', 'tok')).toEqual(answer)
})

it('drops an answer no page took within 15 s', async () => {
  calls().__linliEarly = [early('/api/v1/me'), early('/api/v1/home')]
  jest.setSystemTime(Date.now() + 14_000)
  expect(await takeEarly('/api/v1/me', 'tok')).toEqual(answer)
  jest.setSystemTime(Date.now() + 2_000) // 16 s after it started
  expect(await takeEarly('/api/v1/home', 'tok')).toBeNull()
  expect(calls().__linliEarly).toEqual([])
})
