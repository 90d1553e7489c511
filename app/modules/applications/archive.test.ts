import { describe, expect, it } from 'vitest'
import { DOCX, docxWith, EXE, PDF, zip } from '../../../tests/fixtures/files'
import { inspectArchive } from './archive'
import { withExtensionOf } from './sniff'

const inspect = (bytes: Uint8Array) =>
  inspectArchive(async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)), bytes.length)

describe('inspectArchive', () => {
  it('lists a clean Word file, and reads a ZIP64 directory as well as a plain one', async () => {
    expect(await inspect(DOCX)).toEqual({ ok: true, entries: 3 })
    expect(await inspect(docxWith({ 'word/media/image1.png': PDF }, { zip64: true }))).toEqual({ ok: true, entries: 4 })
    expect(await inspect(docxWith({ 'word/oleObject.bin': EXE, 'Setup.MSI': 'x' }, { zip64: true }))).toEqual({
      ok: false,
      reason: 'executable',
      names: ['oleObject.bin', 'Setup.MSI'],
    })
  })

  it('finds a program by its first bytes even when deflated', async () => {
    // Content that does not compress much (a bomb is another refusal), starting with a program's header.
    let seed = 1
    const big = Uint8Array.from({ length: 200_000 }, () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff)
    big.set(EXE)
    expect(await inspect(zip({ 'docs/readme.txt': big }, 8))).toMatchObject({ ok: false, reason: 'executable', names: ['readme.txt'] })
  })

  it('counts macro-enabled files and XLM macro sheets as macros', async () => {
    expect(await inspect(zip({ 'bao-cao.xlsm': 'x' }))).toEqual({ ok: false, reason: 'macros' })
    expect(await inspect(zip({ '[Content_Types].xml': '<Types/>', 'xl/macrosheets/sheet1.xml': '<x/>' }))).toEqual({ ok: false, reason: 'macros' })
  })

  it('calls broken what does not hold together: entries inside each other, unknown compression, a directory out of bounds', async () => {
    const two = zip({ 'a.txt': 'aaaa', 'b.txt': 'bbbb' })
    const overlapping = two.slice()
    const view = new DataView(overlapping.buffer)
    // The second central entry (after the two local entries of 30 + 5 + 4 bytes) points at the first entry.
    view.setUint32(2 * 39 + 46 + 5 + 42, 0, true)
    expect(await inspect(overlapping)).toEqual({ ok: false, reason: 'broken' })
    const unknownMethod = zip({ 'a.txt': 'aaaa' })
    // The central entry follows the local one (30 + 5 + 4 bytes); its method field is at +10.
    new DataView(unknownMethod.buffer).setUint16(39 + 10, 14, true)
    expect(await inspect(unknownMethod)).toEqual({ ok: false, reason: 'broken' })
    const outOfBounds = zip({ 'a.txt': 'aaaa' })
    new DataView(outOfBounds.buffer).setUint32(outOfBounds.length - 6, 1_000_000, true)
    expect(await inspect(outOfBounds)).toEqual({ ok: false, reason: 'broken' })
    expect(await inspect(new Uint8Array(10))).toEqual({ ok: false, reason: 'broken' })
  })
})

describe('withExtensionOf', () => {
  it('gives a name the extension of the real type, replacing one that lies', () => {
    expect(withExtensionOf('pdf', 'poly.html')).toBe('poly.pdf')
    expect(withExtensionOf('pdf', 'Thuyết minh.PDF')).toBe('Thuyết minh.PDF')
    expect(withExtensionOf('jpg', 'anh.jpeg')).toBe('anh.jpeg')
    expect(withExtensionOf('docx', 'bao-cao;final')).toBe('bao-cao;final.docx')
    // What follows the last dot is no extension unless it is a short run of letters and digits with a letter.
    expect(withExtensionOf('pdf', 'Báo cáo tháng 3.2025')).toBe('Báo cáo tháng 3.2025.pdf')
    expect(withExtensionOf('pdf', 'v1.2 bản cuối')).toBe('v1.2 bản cuối.pdf')
    expect(withExtensionOf('pdf', '.htaccess')).toBe('.htaccess.pdf')
  })
})
