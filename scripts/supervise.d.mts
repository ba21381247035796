// Types for scripts/supervise.mjs (imported by tests/server/start).
export const FIRST_DELAY_MS: number
export const MAX_DELAY_MS: number
export const HEALTHY_MS: number
export const STOP_TIMEOUT_MS: number
export function nextDelay(previous: number, ranMs: number): number
export function lastErrorLine(lines: string[]): string | undefined
export function exitReason(code: number | null, signal: string | null, errorLine?: string): string
export function supervise(opts: { command: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv }): void
