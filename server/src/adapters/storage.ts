import fs from 'node:fs/promises'
import path from 'node:path'

/** Where photos live: a local directory by default, any S3-compatible store in production. */
export interface Storage {
  put(key: string, data: Buffer, contentType: string): Promise<void>
  /** null when the object does not exist */
  get(key: string): Promise<Buffer | null>
}

/** Keys are made by the server (never from a client's file name), so they cannot escape the root. */
export class LocalDiskStorage implements Storage {
  constructor(private readonly root: string) {}

  private file(key: string) {
    if (!/^[a-z0-9/._-]+$/i.test(key) || key.includes('..')) throw new Error(`bad storage key ${key}`)
    return path.join(this.root, key)
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.file(key)
    await fs.mkdir(path.dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    await fs.writeFile(tmp, data)
    await fs.rename(tmp, file)
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.file(key))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
  }
}
