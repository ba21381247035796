import { Button } from '@tarojs/components'
import type { ShareCard } from '../share'

/**
 * Weapp: WeChat's own share button; it sends the card the page registered with useShare
 * (title, image, the page's path with its id). No link or QR sheet is needed inside WeChat.
 */
export default function ShareButton(_props: { card: ShareCard }) {
  return <Button className='btn btn--ghost' id='share-open' openType='share'>分享给邻居</Button>
}
