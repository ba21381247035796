#!/usr/bin/env node
// Recounts a poll from its published bulletin (一户一票 选票公告), with nothing but Node:
//   node scripts/recount.mjs bulletin.json
//   node scripts/recount.mjs https://host/api/v1/polls/<id>/bulletin
// Checks every receipt against sha256(pollId|sorted choices|nonce), counts the ballots not
// superseded per option and channel, and compares with the certified tally in the bulletin.
// Exit code 0 when everything matches, 1 when something does not, 2 on bad input.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'

export function recount(bulletin) {
  const options = bulletin.options.map((o) => o.id)
  const counts = Object.fromEntries(options.map((id) => [id, { count: 0, byChannel: { online: 0, paper: 0, door: 0 } }]))
  const problems = []
  const seen = new Set()
  let counted = 0
  for (const e of bulletin.entries) {
    const expected = createHash('sha256').update(`${bulletin.pollId}|${[...e.choices].sort().join(',')}|${e.nonce}`).digest('hex')
    if (expected !== e.receipt) problems.push(`receipt ${e.receipt}: does not match its choices and nonce`)
    if (seen.has(e.receipt)) problems.push(`receipt ${e.receipt}: listed twice`)
    seen.add(e.receipt)
    if (e.superseded) continue
    counted++
    for (const c of e.choices) {
      if (!counts[c]) { problems.push(`receipt ${e.receipt}: unknown option ${c}`); continue }
      counts[c].count++
      counts[c].byChannel[e.channel]++
    }
  }
  const certified = bulletin.certifiedTally
  if (certified) {
    if (certified.turnout.votedHouseholds !== counted) problems.push(`turnout: certified ${certified.turnout.votedHouseholds}, recounted ${counted}`)
    for (const o of certified.options ?? []) {
      const mine = counts[o.id]
      if (!mine || mine.count !== o.count) problems.push(`option ${o.id}: certified ${o.count}, recounted ${mine?.count}`)
      for (const ch of ['online', 'paper', 'door']) {
        if (mine && mine.byChannel[ch] !== o.byChannel[ch]) problems.push(`option ${o.id} ${ch}: certified ${o.byChannel[ch]}, recounted ${mine.byChannel[ch]}`)
      }
    }
  } else problems.push('the bulletin carries no certified tally to compare with')
  return { pollId: bulletin.pollId, counted, options: counts, matches: problems.length === 0, problems }
}

async function load(source) {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source)
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`)
    return res.json()
  }
  return JSON.parse(await readFile(source, 'utf8'))
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('recount.mjs')
if (isMain) {
  const source = process.argv[2]
  if (!source) { console.error('usage: node scripts/recount.mjs <bulletin.json | url>'); process.exit(2) }
  load(source).then((b) => {
    const result = recount(b)
    console.log(JSON.stringify(result, null, 2))
    process.exit(result.matches ? 0 : 1)
  }, (err) => { console.error(String(err.message ?? err)); process.exit(2) })
}
