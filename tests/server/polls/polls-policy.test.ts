import { can, scopePaths, type PollActor } from '../../../server/src/modules/polls/polls.policy'

const community = '/s/c/'
const gridA = '/s/c/gA/'
const actor = (grants: PollActor['grants'], membership: PollActor['membership'] = null): PollActor => ({ userId: 'u', grants, membership })
const admin = actor([{ role: 'community_admin', unitId: 'c', path: community }])
const workerA = actor([{ role: 'grid_worker', unitId: 'gA', path: gridA }])
const rider = actor([{ role: 'observer', unitId: 'c', path: community }])
const head = actor([], { householdId: 'h', isHead: true, isAdult: true, unitPath: gridA + 'b/' })
const adult = actor([], { householdId: 'h', isHead: false, isAdult: true, unitPath: gridA + 'b/' })

describe('polls policy', () => {
  it('drafts are for the admins over the unit; published polls are public', () => {
    expect(can(admin, 'poll.read', { kind: 'poll_view', status: 'draft', unitPath: gridA })).toBe(true)
    expect(can(workerA, 'poll.read', { kind: 'poll_view', status: 'draft', unitPath: gridA })).toBe(false)
    expect(can(null, 'poll.read', { kind: 'poll_view', status: 'draft', unitPath: gridA })).toBe(false)
    expect(can(null, 'poll.read', { kind: 'poll_view', status: 'closed', unitPath: gridA })).toBe(true)
  })
  it('managing needs community_admin at or above the unit', () => {
    expect(can(admin, 'poll.manage', { kind: 'unit', unitPath: gridA })).toBe(true)
    expect(can(admin, 'poll.manage', { kind: 'unit', unitPath: '/s/' })).toBe(false)
    expect(can(workerA, 'poll.manage', { kind: 'unit', unitPath: gridA })).toBe(false)
  })
  it('voting online follows the voter rule and ignores roles', () => {
    expect(can(head, 'ballot.cast', { kind: 'vote', poll: { voterRule: 'head' } })).toBe(true)
    expect(can(adult, 'ballot.cast', { kind: 'vote', poll: { voterRule: 'head' } })).toBe(false)
    expect(can(adult, 'ballot.cast', { kind: 'vote', poll: { voterRule: 'adult' } })).toBe(true)
    expect(can(admin, 'ballot.cast', { kind: 'vote', poll: { voterRule: 'adult' } })).toBe(false)
    expect(can(rider, 'ballot.cast', { kind: 'vote', poll: { voterRule: 'adult' } })).toBe(false)
  })
  it('turnout reaches staff whose units overlap the poll, narrowed to the poll\'s unit', () => {
    expect(can(workerA, 'poll.turnout', { kind: 'poll', unitPath: community })).toBe(true)
    expect(scopePaths(workerA, 'poll.turnout', community)).toEqual([gridA])
    expect(scopePaths(admin, 'poll.turnout', gridA)).toEqual([gridA])
    expect(can(rider, 'poll.turnout', { kind: 'poll', unitPath: community })).toBe(false)
    expect(can(workerA, 'poll.turnout', { kind: 'poll', unitPath: '/s/c/gB/' })).toBe(false)
  })
})
