import type { BallotChannel } from '@linli/shared'
import { AppError } from '../../lib/errors'
import { findPoll } from '../polls/polls.repository'
import type { PollsService } from '../polls/polls.service'
import { ExportErrors } from './export.errors'
import type { Cell, Sheet } from './export.writer'
import type { Dataset } from './export.types'

const CHANNEL: Record<BallotChannel, string> = { online: '线上', paper: '纸质', door: '入户' }
const once = (rows: Cell[][]) => (async function* () { yield rows })()

/**
 * 投票结果 of one poll (pollId), in three tables: the tally with its channel subtotals (as the
 * public tally shows it: counts only once the poll shows them), the bulletin (receipts and
 * choices, after closing, no household), and the turnout of the caller's own households
 * (who voted, never what). Answered by the polls use cases themselves, so their rules hold;
 * a poll's electorate is one community's households, small enough to be read at once.
 */
export function pollResultsDataset(polls: PollsService): Dataset {
  return async ({ db, me, unit, q }) => {
    if (!q.pollId) throw ExportErrors.pollRequired()
    const poll = await findPoll(db, q.pollId)
    if (!poll || !(poll.unitPath.startsWith(unit.path) || unit.path.startsWith(poll.unitPath))) throw ExportErrors.pollNotInUnit()
    // the turnout use case says who may see this poll's participation (staff whose units overlap it, supervisors)
    const turnout = await polls.turnout(me, poll.id).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 403) throw ExportErrors.forbidden('投票结果')
      throw err
    })
    const tally = await polls.tally(poll.id)
    const bulletin = poll.status === 'closed' ? await polls.bulletin(poll.id) : null
    const label = new Map(poll.options.map((o) => [o.id, o.label]))

    const t = tally.turnout
    const tallyRows: Cell[][] = [
      ...(tally.options ?? []).map((o): Cell[] => [o.label, o.count, o.area, o.byChannel?.online ?? null, o.byChannel?.paper ?? null, o.byChannel?.door ?? null]),
      ...(tally.options ? [] : [[tally.visible ? '暂无计票' : '本投票结束后公布计票结果', null, null, null, null, null]]),
      ['已投票户数', t.votedHouseholds, t.votedArea, t.byChannel.online, t.byChannel.paper, t.byChannel.door],
      ['应投票户数', t.eligibleHouseholds, t.eligibleArea, null, null, null],
    ]
    const sheets: Sheet[] = [
      {
        name: '计票结果',
        columns: [{ header: '选项', width: 24 }, { header: '票数（户）' }, { header: '面积(m²)' }, { header: '线上（户）' }, { header: '纸质（户）' }, { header: '入户（户）' }],
        batches: once(tallyRows),
      },
      {
        name: '选票公告',
        columns: [{ header: '回执码', width: 20 }, { header: '选择', width: 30 }, { header: '投票渠道' }, { header: '已被更改' }],
        batches: once(bulletin
          ? bulletin.entries.map((e) => [e.receipt, e.choices.map((c) => label.get(c) ?? c).join('、'), CHANNEL[e.channel] ?? e.channel, e.superseded])
          : [['投票结束后公布', null, null, null]]),
      },
      {
        name: '参与情况',
        columns: [{ header: '地址', width: 24 }, { header: '单元', width: 16 }, { header: '是否已投票' }],
        batches: once(turnout.items.map((i) => [i.address, i.unitName, i.voted])),
      },
    ]
    return sheets
  }
}
