import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { type FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'

// Where uploaded files live, by content: the key is derived from the sha256, so identical files are stored
// once. The local disk is the first implementation; an S3-compatible store will implement the same interface.

export interface StoredFile {
  key: string
  sha256: string
  size: number
  /** The first bytes (up to `headBytes`), for sniffing the type. */
  head: Uint8Array
}

export interface PutOptions {
  /** Abort with FileTooLargeError once more than this many bytes have arrived. */
  maxBytes?: number
  /** How many leading bytes to keep in `head` (default 256 KiB). */
  headBytes?: number
  /** Runs before the file is kept; throwing discards it (e.g. a type that is not accepted). */
  check?: (file: ReceivedFile) => void | Promise<void>
}

/** A file received whole but not kept yet: what `check` sees, and any part of it on demand. */
export interface ReceivedFile extends Omit<StoredFile, 'key'> {
  /** `length` bytes from `offset` (fewer at the end of the file): an archive's directory sits at its end. */
  read(offset: number, length: number): Promise<Uint8Array>
}

export type UploadSource = Uint8Array | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>

export interface FileStorage {
  put(source: UploadSource, options?: PutOptions): Promise<StoredFile>
  get(key: string): Readable
  /** The stored file's size in bytes, or null when it is not there. */
  size(key: string): Promise<number | null>
  delete?(key: string): Promise<void>
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`)
    this.name = 'FileTooLargeError'
  }
}

export class EmptyFileError extends Error {
  constructor() {
    super('empty file')
    this.name = 'EmptyFileError'
  }
}

/** What a storage key looks like: `<first two hex digits>/<sha256>`. */
export const STORAGE_KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}$/

async function* chunksOf(source: UploadSource): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source
    return
  }
  if (typeof (source as ReadableStream).getReader === 'function' && !(Symbol.asyncIterator in source)) {
    const reader = (source as ReadableStream<Uint8Array>).getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  }
  yield* source as AsyncIterable<Uint8Array>
}

/** Files under `<root>/<sha256[0..2]>/<sha256>`, written to a temporary file first and renamed into place. */
export function localDiskStorage(root: string): FileStorage {
  const base = resolve(root)
  const tmpDir = join(base, 'tmp')
  const pathOf = (key: string) => {
    if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${key}`)
    return join(base, key)
  }
  return {
    async put(source, options = {}) {
      const { maxBytes = Number.POSITIVE_INFINITY, headBytes = 256 * 1024, check } = options
      await mkdir(tmpDir, { recursive: true })
      const tmp = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`)
      const out = createWriteStream(tmp, { flags: 'wx' })
      const failed = new Promise<never>((_, reject) => out.once('error', reject))
      failed.catch(() => {})
      const hash = createHash('sha256')
      const head = new Uint8Array(headBytes)
      let headLength = 0
      let size = 0
      try {
        for await (const chunk of chunksOf(source)) {
          size += chunk.byteLength
          if (size > maxBytes) throw new FileTooLargeError(maxBytes)
          hash.update(chunk)
          if (headLength < headBytes) {
            const take = Math.min(headBytes - headLength, chunk.byteLength)
            head.set(chunk.subarray(0, take), headLength)
            headLength += take
          }
          if (!out.write(chunk)) await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), failed])
        }
        await Promise.race([new Promise<void>((r) => out.end(r)), failed])
        if (size === 0) throw new EmptyFileError()
        const sha256 = hash.digest('hex')
        const file = { sha256, size, head: head.slice(0, headLength) }
        if (check) {
          let handle: FileHandle | null = null
          const read = async (offset: number, length: number) => {
            handle ??= await open(tmp, 'r')
            const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)))
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset)
            return buffer.subarray(0, bytesRead)
          }
          try {
            await check({ ...file, read })
          } finally {
            await (handle as FileHandle | null)?.close()
          }
        }
        const key = `${sha256.slice(0, 2)}/${sha256}`
        const target = pathOf(key)
        await mkdir(join(base, sha256.slice(0, 2)), { recursive: true })
        const existing = await stat(target).catch(() => null)
        if (existing?.size === size) await rm(tmp, { force: true })
        else await rename(tmp, target)
        return { key, ...file }
      } catch (error) {
        out.destroy()
        await rm(tmp, { force: true })
        throw error
      }
    },
    get(key) {
      return createReadStream(pathOf(key))
    },
    async size(key) {
      const found = await stat(pathOf(key)).catch(() => null)
      return found?.isFile() ? found.size : null
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}

/** Where the portal keeps uploads (attachments, issued documents, bulk ZIPs): `${DATA_DIR}/uploads`. */
export const uploadsDir = (env: { DATA_DIR: string }) => join(env.DATA_DIR, 'uploads')

/** The portal's storage for uploads. */
export function uploadStorage(env: { DATA_DIR: string }): FileStorage {
  return localDiskStorage(uploadsDir(env))
}

/** A whole stored file as bytes (tests and small files only). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
}

