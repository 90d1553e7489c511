import { describe, expect, it } from 'vitest'
import { DOCX, ELF, EXE, JPG, PDF, PLAIN_ZIP, PNG, SCRIPT, XLSX, zip } from '../../../tests/fixtures/files'
import { sniff, zipEntryNames } from './sniff'

describe('sniff', () => {
  it('recognises documents and images by their first bytes', () => {
    expect(sniff(PDF)).toMatchObject({ ok: true, type: 'pdf', mediaType: 'application/pdf' })
    expect(sniff(PNG)).toMatchObject({ ok: true, type: 'png', mediaType: 'image/png' })
    expect(sniff(JPG)).toMatchObject({ ok: true, type: 'jpg', mediaType: 'image/jpeg' })
  })

  it('tells Word and Excel files from a plain zip', () => {
    expect(sniff(DOCX)).toMatchObject({ ok: true, type: 'docx' })
    expect(sniff(XLSX)).toMatchObject({ ok: true, type: 'xlsx' })
    expect(sniff(PLAIN_ZIP)).toMatchObject({ ok: true, type: 'zip', mediaType: 'application/zip' })
    expect(sniff(zip({ '[Content_Types].xml': '<Types/>' }))).toMatchObject({ type: 'zip' })
    expect(zipEntryNames(DOCX)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml'])
  })

  it('refuses an .exe renamed to .pdf, and other executables', () => {
    // The name plays no part: only the bytes are looked at.
    expect(sniff(EXE)).toEqual({ ok: false, reason: 'executable' })
    expect(sniff(ELF)).toEqual({ ok: false, reason: 'executable' })
    expect(sniff(SCRIPT)).toEqual({ ok: false, reason: 'executable' })
    expect(sniff(new Uint8Array([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toEqual({ ok: false, reason: 'executable' })
  })

  it('refuses what it does not know', () => {
    expect(sniff(new TextEncoder().encode('<html><script>alert(1)</script>'))).toEqual({ ok: false, reason: 'unknown' })
    expect(sniff(new Uint8Array())).toEqual({ ok: false, reason: 'unknown' })
    expect(sniff(new TextEncoder().encode('%PD'))).toEqual({ ok: false, reason: 'unknown' })
    // A truncated local header does not throw.
    expect(sniff(DOCX.subarray(0, 40))).toMatchObject({ ok: true, type: 'zip' })
  })
})
