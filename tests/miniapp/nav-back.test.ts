// The way back on a page without a title bar (数据大屏, navigationStyle custom): back when there is
// a page behind, 首页 when it was opened from a link or a bookmark.
import Taro from '@tarojs/taro'
import { goBackOrHome } from '../../miniapp/src/nav'

afterEach(() => jest.restoreAllMocks())

test('back to the page behind; to 首页 when nothing is behind', () => {
  const back = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' } as any)
  const home = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' } as any)
  const pages = jest.spyOn(Taro, 'getCurrentPages')

  pages.mockReturnValue([{}, {}] as any)
  goBackOrHome()
  expect(back).toHaveBeenCalledTimes(1)
  expect(home).not.toHaveBeenCalled()

  pages.mockReturnValue([{}] as any)
  goBackOrHome()
  expect(home).toHaveBeenCalledWith({ url: '/pages/index/index' })
  expect(back).toHaveBeenCalledTimes(1)
})
