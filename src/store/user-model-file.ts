/**
 * The JSON file that keeps user-defined models (`/api/create`, `/api/copy`) across restarts.
 * Writes go to a temporary file renamed over the old one, so a crash never leaves half a file;
 * a file that cannot be read back is an error, never silently replaced.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

export const StoredModelSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  /** `pulled`: a name a client pulled, listed as written (its target is the name itself); absent: a user-defined model. */
  kind: Type.Optional(Type.Literal('pulled')),
  target: Type.String({ minLength: 1 }),
  preset: Type.Optional(Type.Object({
    system: Type.Optional(Type.String()),
    options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    messages: Type.Optional(Type.Array(Type.Object({
      role: Type.Union([Type.Literal('system'), Type.Literal('user'), Type.Literal('assistant')]),
      content: Type.String()
    })))
  }))
})

const UserModelFileSchema = Type.Object({
  version: Type.Literal(1),
  models: Type.Array(StoredModelSchema)
})

export type StoredModel = Static<typeof StoredModelSchema>

export class CorruptStoreError extends Error {
  constructor (file: string, reason: string) {
    super(`user model store ${file} is unreadable (${reason}); fix it or move it away, nothing was changed`)
    this.name = 'CorruptStoreError'
  }
}

export class UserModelFile {
  /** Writes run one after another, each with the full list, so the last one always wins whole. */
  private writing: Promise<void> = Promise.resolve()

  constructor (readonly path: string) {}

  /** The stored models; none when the file does not exist yet. */
  async read (): Promise<StoredModel[]> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw new CorruptStoreError(this.path, (error as Error).message)
    }
    if (!Value.Check(UserModelFileSchema, parsed)) {
      const first = Value.Errors(UserModelFileSchema, parsed).First()
      throw new CorruptStoreError(this.path, first === undefined ? 'unexpected content' : `${first.path || '/'}: ${first.message}`)
    }
    return parsed.models
  }

  write (models: readonly StoredModel[]): Promise<void> {
    const text = JSON.stringify({ version: 1, models }, null, 2) + '\n'
    const next = this.writing.then(() => this.replace(text))
    // A failed write is reported to its caller; the next write still runs.
    this.writing = next.catch(() => {})
    return next
  }

  private async replace (text: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true })
    const temporary = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(temporary, text, { encoding: 'utf8', flush: true })
      await rename(temporary, this.path)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  }
}
