import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FileTooLargeError, localDiskStorage, readAll } from './storage'

let root: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'storage-test-'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

async function* chunks(n: number, size: number) {
  for (let i = 0; i < n; i++) yield new Uint8Array(size).fill(i % 256)
}

describe('local disk storage', () => {
  it('stores by sha256, once per content, and reads back', async () => {
    const storage = localDiskStorage(root)
    const bytes = new TextEncoder().encode('%PDF-1.4 xin chào')
    const a = await storage.put(bytes)
    const b = await storage.put(new Blob([new Uint8Array(bytes)]).stream())
    expect(a.key).toBe(`${a.sha256.slice(0, 2)}/${a.sha256}`)
    expect(b.key).toBe(a.key)
    expect(a.size).toBe(bytes.length)
    expect(Buffer.from(a.head).toString()).toBe('%PDF-1.4 xin chào')
    expect((await readAll(storage.get(a.key))).equals(Buffer.from(bytes))).toBe(true)
    expect(await readdir(join(root, 'tmp'))).toEqual([])
    await storage.delete!(a.key)
    await expect(stat(join(root, a.key))).rejects.toThrow()
  })

  it('stops reading past the limit and leaves nothing behind', async () => {
    const storage = localDiskStorage(root)
    let read = 0
    async function* counted() {
      for await (const c of chunks(1000, 64 * 1024)) {
        read += c.length
        yield c
      }
    }
    await expect(storage.put(counted(), { maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(FileTooLargeError)
    expect(read).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024)
    expect(await readdir(join(root, 'tmp'))).toEqual([])
  })

  it('discards a file its check refuses, and refuses keys that are not keys', async () => {
    const storage = localDiskStorage(root)
    await expect(
      storage.put(new Uint8Array([0x4d, 0x5a, 1, 2]), {
        check: () => {
          throw new Error('refused')
        },
      }),
    ).rejects.toThrow('refused')
    expect(await readdir(join(root, 'tmp'))).toEqual([])
    expect(() => storage.get('../../etc/passwd')).toThrow()
  })
})
