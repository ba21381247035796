import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']
const pad = (n: number) => String(n).padStart(2, '0')

/** "2026年12月4日 星期五 09:05:30" in Asia/Shanghai, whatever the screen computer's zone */
export function clockText(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 星期${WEEKDAYS[d.getUTCDay()]} `
    + `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** the big screen's clock, ticking every second */
export default function ScreenClock({ now: initial }: { now?: () => Date }) {
  const read = initial ?? (() => new Date())
  const [now, setNow] = useState(read)
  useEffect(() => {
    const t = setInterval(() => setNow(read()), 1000)
    return () => clearInterval(t)
  }, [])
  return <View className='screen__clock' id='screen-clock' role='timer'>{clockText(now)}</View>
}
