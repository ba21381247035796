import { weappApiBase, weappTranspiledPackages } from '../../miniapp/config/weapp-release'

describe('a production weapp build and its API base', () => {
  const prod = { NODE_ENV: 'production' } as NodeJS.ProcessEnv

  it('refuses 127.0.0.1, localhost and an unset base (which means 127.0.0.1), saying how to set the real one', () => {
    for (const base of ['http://127.0.0.1:3000', 'https://localhost', 'https://127.0.0.1', undefined]) {
      expect(() => weappApiBase({ ...prod, TARO_APP_API_BASE: base })).toThrow(/refused.*127\.0\.0\.1\/localhost[\s\S]*TARO_APP_API_BASE=https:\/\/[\s\S]*TARO_APP_LOCAL_API=1/)
    }
  })

  it('refuses a base without https (WeChat calls only https domains)', () => {
    expect(() => weappApiBase({ ...prod, TARO_APP_API_BASE: 'http://yishi.example.cn' })).toThrow(/not https/)
  })

  it('takes a real https base; a local base only with TARO_APP_LOCAL_API=1 or outside production', () => {
    expect(weappApiBase({ ...prod, TARO_APP_API_BASE: 'https://yishi.example.cn' })).toBe('https://yishi.example.cn')
    expect(weappApiBase({ ...prod, TARO_APP_LOCAL_API: '1' })).toBe('http://127.0.0.1:3000')
    expect(weappApiBase({ NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toBe('http://127.0.0.1:3000')
  })

  it('compiles zod from node_modules (it ships ?. and ??) with the app\'s babel', () => {
    expect(weappTranspiledPackages).toHaveLength(1)
    expect(weappTranspiledPackages[0]).toMatch(/[\\/]zod$/)
  })
})
