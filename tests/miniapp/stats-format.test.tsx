import { render, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { formatCount, formatHours, formatRate, overdueFor } from '../../miniapp/src/packages/stats/stats-format'
import { figureGroups } from '../../miniapp/src/packages/stats/figures'
import { behindUrl, param } from '../../miniapp/src/packages/stats/navigation'
import { parseBehind } from '../../miniapp/src/packages/stats/pages/list/index'
import { customPeriodError, presetPeriod } from '../../miniapp/src/packages/stats/period'
import KpiGrid from '../../miniapp/src/packages/stats/components/kpi-grid'
import { makeStats, POLL } from './stats-fixtures'

describe('数据看板 number formatting', () => {
  afterEach(() => jest.restoreAllMocks())

  it('counts: 万 and 亿 with one decimal at most, no ".0", — for nothing', () => {
    expect([0, 8, 9999, 10000, 12345, 99950, 100000, 2_345_678, 250_000_000, -12345].map(formatCount))
      .toEqual(['0', '8', '9999', '1万', '1.2万', '10万', '10万', '234.6万', '2.5亿', '-1.2万'])
    expect(formatCount(null)).toBe('—')
  })

  it('rates: percent with one decimal, decimal rounding; no denominator is —, never 0%', () => {
    expect([0, 1, 6 / 7, 2 / 3, 0.5, 0.12345, 0.00049].map(formatRate)).toEqual(['0%', '100%', '85.7%', '66.7%', '50%', '12.3%', '0%'])
    expect(formatRate(0.1005)).toBe('10.1%')
    expect(formatRate(null)).toBe('—')
  })

  it('durations: minutes under an hour, hours under two days, then days', () => {
    expect([0.5, 1, 3.25, 47.9, 52.8, 240].map(formatHours)).toEqual(['30分钟', '1小时', '3.3小时', '47.9小时', '2.2天', '10天'])
    expect(formatHours(null)).toBe('—')
    const now = Date.parse('2026-12-04T10:00:00+08:00')
    expect(overdueFor('2026-12-04T09:30:00+08:00', now)).toBe('超时不到 1 小时')
    expect(overdueFor('2026-12-04T05:00:00+08:00', now)).toBe('超时 5 小时')
    expect(overdueFor('2026-12-01T09:00:00+08:00', now)).toBe('超时 3 天')
  })

  it('periods are Asia/Shanghai days up to today; a custom period is checked before it is asked for', () => {
    // 2026-12-31 20:00 UTC is already 2027-01-01 in Beijing
    const now = new Date('2026-12-31T20:00:00Z')
    expect(presetPeriod('month', now)).toEqual({ preset: 'month', from: '2027-01-01', to: '2027-01-01', granularity: 'week' })
    expect(presetPeriod('quarter', new Date('2026-11-15T04:00:00Z'))).toMatchObject({ from: '2026-10-01', to: '2026-11-15', granularity: 'week' })
    expect(presetPeriod('year', new Date('2026-11-15T04:00:00Z'))).toMatchObject({ from: '2026-01-01', to: '2026-11-15', granularity: 'month' })
    expect(customPeriodError('2026-12-05', '2026-12-01')).toBe('开始日期不能晚于结束日期')
    expect(customPeriodError('2025-01-01', '2026-12-01')).toBe('一次最多查询 400 天')
    expect(customPeriodError('2026-01-01', '2026-12-01')).toBe('')
  })

  it('the figures read in Chinese formatting, each rate naming what it divides', () => {
    const { container } = render(<KpiGrid groups={figureGroups(makeStats())} />)
    const value = (k: string) => container.querySelector(`#kpi-${k}-value`)!.textContent
    expect(value('filed')).toBe('1.2万')
    expect(value('response')).toBe('85.7%')
    expect(value('on-time')).toBe('66.7%')
    expect(value('resolution')).toBe('100%')
    expect(value('accept-time')).toBe('30分钟')
    expect(value('resolve-time')).toBe('2.2天')
    expect(value('turnout')).toBe('75%')
    expect(value('participation')).toBe('25万')
    expect(container.querySelector('#kpi-response')!.textContent).toContain('按时响应 6 / 应响应 7')
    expect(container.querySelector('#kpi-overdue-value')!.className).toContain('alert')
    expect(container.querySelector('#kpi-escalated-value')!.className).not.toContain('alert')
    // a figure with no list behind it (distinct households) is not a button
    expect(container.querySelector('#kpi-participation')!.tagName).not.toBe('BUTTON')
  })

  it('tapping a figure opens the lists behind it; a poll turnout opens the poll', () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
    const stats = makeStats()
    const { container } = render(<KpiGrid groups={figureGroups(stats)} />)
    fireEvent.click(container.querySelector('#kpi-response')!)
    const url: string = nav.mock.calls[0][0].url
    expect(url.startsWith('/packages/stats/pages/list/index?title=%E5%93%8D%E5%BA%94%E7%8E%87&lists=')).toBe(true)
    // the router hands the page the query value (encoded or decoded once): the lists come back intact
    const raw = url.split('&lists=')[1]
    for (const v of [raw, decodeURIComponent(raw)]) {
      expect(parseBehind(param(v))).toEqual([
        { label: '按时响应 6', list: stats.reports!.responseRate.numerator.list },
        { label: '应响应 7', list: stats.reports!.responseRate.denominator.list },
      ])
    }
    fireEvent.click(container.querySelector('#kpi-turnout')!)
    expect(nav.mock.calls[1][0]).toEqual({ url: `/packages/polls/pages/detail/index?id=${POLL}` })
    expect(behindUrl('x', [])).toBeNull()
  })
})
