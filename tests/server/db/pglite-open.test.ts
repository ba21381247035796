import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openPgliteClient } from '../../../server/src/db/pglite-data-dir'
import { copyPgliteTemplate } from '../../../server/src/db/pglite-template'

// PGlite's own error for a data dir it cannot open says only that it failed to initialize; the
// start says what PostgreSQL printed, so whoever has to move the folder away knows why.
it('a data dir PGlite cannot open: the error carries what PostgreSQL said', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-pglite-open-'))
  const dataDir = path.join(parent, 'pglite')
  try {
    await copyPgliteTemplate(dataDir, '16MB')
    const control = path.join(dataDir, 'global/pg_control')
    fs.writeFileSync(control, Buffer.alloc(fs.statSync(control).size)) // zeros: not the template's any more, and unreadable
    const opened = openPgliteClient(dataDir, '16MB')
    await expect(opened).rejects.toThrow(`PGlite data directory ${dataDir} cannot be used: PGlite cannot open it (PGlite failed to initialize properly; PostgreSQL said: `)
    await expect(opened).rejects.toThrow(/FATAL: +database files are incompatible with server/)
    expect(fs.statSync(control).size).toBeGreaterThan(0) // left as it is
  } finally {
    fs.rmSync(parent, { recursive: true, force: true })
  }
}, 60_000)
