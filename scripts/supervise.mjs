// The supervisor `pnpm start` runs the server under: the server is a child process, started again
// when it dies unexpectedly, after a wait that doubles with each crash in a row (1 s up to 30 s,
// back to 1 s once a run lasted a minute), and every end is logged with its reason. SIGINT and
// SIGTERM stop the child and are not followed by a restart.
import { spawn } from 'node:child_process'
import os from 'node:os'

export const FIRST_DELAY_MS = 1000
export const MAX_DELAY_MS = 30_000
/** a run this long counts as healthy: the next crash waits FIRST_DELAY_MS again */
export const HEALTHY_MS = 60_000
/** a child that has not stopped this long after SIGTERM is killed */
export const STOP_TIMEOUT_MS = 10_000

/** The wait before the next start: `previous` is the last wait (0: none yet), `ranMs` how long the run that ended lasted. */
export function nextDelay(previous, ranMs) {
  if (previous === 0 || ranMs >= HEALTHY_MS) return FIRST_DELAY_MS
  return Math.min(previous * 2, MAX_DELAY_MS)
}

/**
 * The last line of a child's stderr that states an error: node prints an uncaught error's message
 * (`Error: listen EADDRINUSE …`) above its stack and its properties, so a line that starts like
 * one is preferred to any later line that merely mentions an error.
 */
export function lastErrorLine(lines) {
  const trimmed = lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('at '))
  return trimmed.findLast((l) => /^(\[?Uncaught )?\[?[\w.]*(Error|Exception)\b|FATAL ERROR/.test(l)) ??
    trimmed.findLast((l) => /error|fatal/i.test(l))
}

/** Why a child ended, in words for the log. */
export function exitReason(code, signal, errorLine) {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
  return errorLine ? `${how} (last error: ${errorLine})` : how
}

const log = (line) => console.error(`[start ${new Date().toISOString()}] ${line}`)

/**
 * Runs `command args` until SIGINT/SIGTERM. The child gets its own process group, so a signal to
 * ours (Ctrl-C, `kill -- -pgid`) reaches it once, forwarded from here; and an IPC channel, whose
 * end tells it to stop should this process be killed outright.
 */
export function supervise({ command, args, cwd, env }) {
  let child = null
  let delay = 0
  let restartTimer = null
  let stopping = null // the signal we were stopped with

  const start = () => {
    const startedAt = Date.now()
    const tail = []
    const proc = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] })
    child = proc
    log(`server started, pid ${proc.pid}`)
    let partial = ''
    proc.stderr.on('data', (chunk) => {
      process.stderr.write(chunk)
      const lines = (partial + chunk.toString('utf8')).split('\n')
      partial = lines.pop()
      tail.push(...lines.filter((l) => l.trim()))
      tail.splice(0, tail.length - 40)
    })
    const stderrEnded = new Promise((resolve) => proc.stderr.once('close', resolve))
    proc.once('error', (err) => log(`server could not be started: ${err.message}`))
    proc.once('exit', async (code, signal) => {
      // what it printed last may still be in the pipe; a helper it started (Chromium) may hold the pipe open, so not long
      await Promise.race([stderrEnded, new Promise((resolve) => setTimeout(resolve, 200))])
      if (partial.trim()) tail.push(partial)
      child = null
      const reason = exitReason(code, signal, lastErrorLine(tail))
      if (stopping || code === 0) { // asked to stop, or it ended cleanly by itself (as systemd's Restart=on-failure)
        log(`server (pid ${proc.pid}) stopped: ${reason}`)
        process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0))
      }
      delay = nextDelay(delay, Date.now() - startedAt)
      log(`server (pid ${proc.pid}) ${reason}; starting it again in ${delay / 1000} s`)
      restartTimer = setTimeout(start, delay)
    })
  }

  const signalChild = (signal) => { try { process.kill(-child.pid, signal) } catch { /* already gone */ } }
  const stop = (signal) => {
    if (stopping) { // a second Ctrl-C: no more waiting
      if (child) { log(`${signal} again: killing the server`); signalChild('SIGKILL') }
      return
    }
    stopping = signal
    clearTimeout(restartTimer)
    if (!child) process.exit(0)
    log(`${signal}: stopping the server (pid ${child.pid})`)
    signalChild(signal)
    setTimeout(() => {
      if (!child) return
      log(`server (pid ${child.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`)
      signalChild('SIGKILL')
    }, STOP_TIMEOUT_MS).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  start()
}
