import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startS3Server, type S3Server } from '../../../tests/setup/s3'
import { ChecksumMismatchError } from './storage-s3'
import { FileTooLargeError, readAll, uploadStorage } from './storage'

// The S3 store against a real S3-compatible server on loopback (ADR 023).

let s3: S3Server
let tmpRoot: string
beforeAll(async () => {
  s3 = await startS3Server()
  tmpRoot = join(s3.directory, '..', `fund-s3-client-${process.pid}`)
})
afterAll(() => s3?.close())

let settings: Parameters<typeof uploadStorage>[0] | undefined
const storage = () => uploadStorage((settings ??= { DATA_DIR: tmpRoot, ...s3.env } as Parameters<typeof uploadStorage>[0]))

/** Every file the server keeps for the bucket (its object data files), by path. */
async function objectFiles(): Promise<string[]> {
  const found: string[] = []
  async function walk(dir: string) {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(dir, e.name))
      else if (e.name.endsWith('._S3rver_object')) found.push(join(dir, e.name))
    }
  }
  await walk(join(s3.directory, s3.bucket))
  return found
}

describe('S3-compatible storage', () => {
  it('is chosen by FILE_STORAGE=s3; stores by sha256 once per content, streams it back, knows its size, deletes', async () => {
    const store = storage()
    expect(storage()).toBe(store) // one store (one S3 client) per settings object
    expect(uploadStorage({ DATA_DIR: tmpRoot })).not.toBe(store) // without FILE_STORAGE: the local folder
    const bytes = new TextEncoder().encode('%PDF-1.4 hồ sơ đăng ký '.repeat(5000))
    const a = await store.put(bytes)
    const b = await store.put(new Blob([new Uint8Array(bytes)]).stream())
    expect(a.key).toBe(`${a.sha256.slice(0, 2)}/${a.sha256}`)
    expect(a.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(b.key).toBe(a.key)
    expect(Buffer.from(a.head.subarray(0, 8)).toString()).toBe('%PDF-1.4')
    expect((await readAll(store.get(a.key))).equals(Buffer.from(bytes))).toBe(true)
    expect(await store.size(a.key)).toBe(bytes.length)
    expect(await objectFiles()).toHaveLength(1)
    expect(await readdir(join(tmpRoot, 'tmp'))).toEqual([]) // the received copy is gone once it is in the bucket
    await store.delete!(a.key)
    expect(await store.size(a.key)).toBeNull()
    await expect(readAll(store.get(a.key))).rejects.toThrow(/not in the bucket/)
  })

  it('keeps nothing the check refuses or past the size limit', async () => {
    const store = storage()
    await expect(store.put(new Uint8Array([0x4d, 0x5a, 1, 2]), { check: () => Promise.reject(new Error('refused')) })).rejects.toThrow('refused')
    await expect(store.put(new Uint8Array(2048).fill(7), { maxBytes: 1024 })).rejects.toBeInstanceOf(FileTooLargeError)
    expect(await objectFiles()).toHaveLength(0)
    expect(await readdir(join(tmpRoot, 'tmp'))).toEqual([])
    expect(() => store.get('../../etc/passwd')).toThrow()
  })

  it('fails the download of an object whose bytes changed in the bucket, instead of serving them', async () => {
    const store = storage()
    const put = await store.put(new TextEncoder().encode('Quyết định phê duyệt số 12/QĐ-QKHCN'))
    const [file] = await objectFiles()
    const original = await readFile(file)
    await writeFile(file, Buffer.from(original.toString('utf8').replace('12/', '99/')))
    await expect(readAll(store.get(put.key))).rejects.toBeInstanceOf(ChecksumMismatchError)
    await store.delete!(put.key)
  })
})
