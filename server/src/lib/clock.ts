/** Injected everywhere time matters, so tests move time instead of sleeping. */
export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() }
export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime()
  return {
    now: () => new Date(t),
    set: (d) => { t = new Date(d).getTime() },
    advance: (ms) => { t += ms },
  }
}
