import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { createBoardService } from './publicity.board'
import { createTrackedItemsService } from './publicity.items'

/** 跟踪落实 / 结果公示: the board and the tracked items, on one database and clock. */
export function createPublicityService(deps: { db: Db; read?: Db; clock: Clock }) {
  return { board: createBoardService(deps), items: createTrackedItemsService(deps) }
}
export type PublicityService = ReturnType<typeof createPublicityService>
