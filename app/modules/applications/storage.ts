import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { type FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import type { Env } from '../../config/env.server'
import { s3OptionsOf, s3Storage } from './storage-s3'

// Where uploaded files live, by content: the key is derived from the sha256, so identical files are stored
// once. Two implementations: the local disk (the embedded default) and an S3-compatible bucket (storage-s3.ts).

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

/** A file received into a temporary file, hashed, checked: what an implementation then keeps under `key`. */
export interface Spooled extends StoredFile {
  /** The temporary file; the caller moves or removes it. */
  tmp: string
  /** Its MD5 (base64), for a store that checks the body it receives against Content-MD5. */
  md5: string
}

/**
 * Receives an upload into a temporary file under `tmpDir` while hashing it (sha256 for the key, MD5 for the
 * store's own check), with the size limit and the `check` of PutOptions. The temporary file is removed on any
 * failure; on success the caller owns it.
 */
export async function spool(source: UploadSource, tmpDir: string, options: PutOptions = {}): Promise<Spooled> {
  const { maxBytes = Number.POSITIVE_INFINITY, headBytes = 256 * 1024, check } = options
  await mkdir(tmpDir, { recursive: true })
  const tmp = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`)
  const out = createWriteStream(tmp, { flags: 'wx' })
  const failed = new Promise<never>((_, reject) => out.once('error', reject))
  failed.catch(() => {})
  const hash = createHash('sha256')
  const md5 = createHash('md5')
  const head = new Uint8Array(headBytes)
  let headLength = 0
  let size = 0
  try {
    for await (const chunk of chunksOf(source)) {
      size += chunk.byteLength
      if (size > maxBytes) throw new FileTooLargeError(maxBytes)
      hash.update(chunk)
      md5.update(chunk)
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
    return { key: keyOf(sha256), ...file, tmp, md5: md5.digest('base64') }
  } catch (error) {
    // The file is opened asynchronously: wait until the stream has closed (it may open the file only now)
    // before removing it, or a refusal on the first chunk leaves the file behind.
    if (!out.closed) await new Promise<void>((done) => out.once('close', () => done()).destroy())
    await rm(tmp, { force: true })
    throw error
  }
}

/** The storage key of a file's sha256 (hex). */
export const keyOf = (sha256: string) => `${sha256.slice(0, 2)}/${sha256}`

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
      const { tmp, md5: _md5, ...file } = await spool(source, tmpDir, options)
      try {
        const target = pathOf(file.key)
        await mkdir(join(base, file.sha256.slice(0, 2)), { recursive: true })
        const existing = await stat(target).catch(() => null)
        if (existing?.size === file.size) await rm(tmp, { force: true })
        else await rename(tmp, target)
        return file
      } catch (error) {
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

/** Where the portal keeps uploads (attachments, issued documents, bulk ZIPs) with the local store: `${DATA_DIR}/uploads`. */
export const uploadsDir = (env: { DATA_DIR: string }) => join(env.DATA_DIR, 'uploads')

/** The settings uploadStorage reads: DATA_DIR, and the S3 ones when FILE_STORAGE=s3 (app/config/env.server.ts). */
export type StorageSettings = { DATA_DIR: string } & Partial<Pick<Env, 'FILE_STORAGE' | 'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE' | 'S3_PREFIX'>>

const stores = new WeakMap<object, FileStorage>()

/**
 * The portal's storage for uploads, chosen by configuration (ADR 023): the local folder `${DATA_DIR}/uploads`
 * (the embedded default), or an S3-compatible bucket with FILE_STORAGE=s3. One store per settings object.
 */
export function uploadStorage(env: StorageSettings): FileStorage {
  let store = stores.get(env)
  if (!store) {
    store = env.FILE_STORAGE === 's3' ? s3Storage(s3OptionsOf(env)) : localDiskStorage(uploadsDir(env))
    stores.set(env, store)
  }
  return store
}

/** A whole stored file as bytes (tests and small files only). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
}

