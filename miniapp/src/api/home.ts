// 首页: one request for the whole home (signed in or not).
import { Home } from '@linli/shared'
import type { z } from 'zod'
import { request } from './client'

export type HomeT = z.infer<typeof Home>
export type HomeQueueSectionT = NonNullable<HomeT['queue']>[number]

/** Without a token the server answers with the public parts (of `unitId`'s community, else the default one). */
export function getHome(unitId?: string) {
  return request('GET', '/home', { query: { unitId }, schema: Home })
}
