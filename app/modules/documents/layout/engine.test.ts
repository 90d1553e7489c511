import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { layoutDocument, loadLayoutFonts, renderDocument, drawDocument, type DocumentModel, breakLines, MM, A4, type Block } from '.'
import { layoutLines, pagePng, pdfFonts, pdfInfo, tempPdf, TEXT_BOX, textLines, wordBoxes } from './pdf-check'

const LOREM =
  'Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk hỗ trợ doanh nghiệp, tổ chức khoa học và công nghệ, trường đại học, hợp tác xã đổi mới công nghệ, chế biến sâu nông sản, ứng dụng trí tuệ nhân tạo và chuyển đổi số trong sản xuất cà phê, hồ tiêu, sầu riêng.'

async function withPdf<T>(model: DocumentModel, fn: (file: string) => Promise<T>): Promise<T> {
  const pdf = await tempPdf(await renderDocument(model))
  try {
    return await fn(pdf.file)
  } finally {
    await pdf.dispose()
  }
}

describe('line breaking', () => {
  it('fills lines up to the width, keeps every word, and breaks words longer than a line', async () => {
    const fonts = await loadLayoutFonts()
    const lines = breakLines(LOREM, fonts, { size: 13, width: 200, indent: 20 })
    expect(lines.length).toBeGreaterThan(3)
    lines.forEach((l, i) => expect(l.width, `line ${i}`).toBeLessThanOrEqual(200 - (i === 0 ? 20 : 0) + 1e-9))
    expect(lines.map((l) => l.words.map((w) => w.pieces.map((p) => p.text).join('')).join(' ')).join(' ')).toBe(LOREM)
    // greedy: the next line's first word would not have fitted
    for (let i = 0; i + 1 < lines.length; i++) {
      const next = lines[i + 1].words[0]
      expect(lines[i].width + lines[i].words.at(-1)!.space + next.width).toBeGreaterThan(200 - (i === 0 ? 20 : 0))
    }
    const long = 'bao-cao-tai-chinh-hai-nam-gan-nhat-da-kiem-toan_2025_2026.pdf'
    const broken = breakLines(long, fonts, { size: 12, width: 90 })
    expect(broken.length).toBeGreaterThan(2)
    for (const l of broken) expect(l.width).toBeLessThanOrEqual(90)
    expect(broken.map((l) => l.words[0].pieces.map((p) => p.text).join('')).join('')).toBe(long)
    expect(broken.slice(0, -1).every((l) => /[-_.]$/.test(l.words[0].pieces.at(-1)!.text))).toBe(true)
  })

  // (a column narrower than one glyph, under 12 pt here, cannot be helped; 16 pt and up must hold)
  it('never makes a line wider than its width, nor loses or reorders a character (property)', async () => {
    const fonts = await loadLayoutFonts()
    const word = fc.stringMatching(/^[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ0-9.,;:\/_-]{1,40}$/)
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 16, max: 480 }), fc.integer({ min: 0, max: 30 }), fc.boolean(), (words, width, indent, bold) => {
        const text = words.join(' ')
        const lines = breakLines(text, fonts, { size: 12, width, indent, bold })
        lines.forEach((l, i) => expect(l.width).toBeLessThanOrEqual(Math.max(0, width - (i === 0 ? indent : 0)) + 1e-6))
        const out = lines.map((l) => l.words.map((w) => w.pieces.map((p) => p.text).join('')).join(' ')).join(' ')
        expect(out.replace(/ /g, '')).toBe(text.replace(/ /g, ''))
      }),
      { numRuns: 300 },
    )
  })

  it('keeps styled runs apart and a no-break space together, and NFC-normalises', async () => {
    const fonts = await loadLayoutFonts()
    const [line] = breakLines([{ text: 'Điều 1.', bold: true }, { text: ' Cà phê'.normalize('NFD') }, { text: ' 12.345\u00a0₫' }], fonts, { size: 13, width: 400 })
    expect(line.words.map((w) => w.pieces.map((p) => `${p.face}:${p.text}`).join('+'))).toEqual(['bold:Điều', 'bold:1.', 'regular:Cà', 'regular:phê', 'regular:12.345\u00a0₫'])
  })

  it('breaks a name between its groups held by no-break spaces, and inside a group only when no line can hold it', async () => {
    const fonts = await loadLayoutFonts()
    const nb = (s: string) => s.replace(/ /g, '\u00a0')
    const name = `${nb('QUỸ PHÁT TRIỂN')} ${nb('KHOA HỌC VÀ CÔNG NGHỆ')} ${nb('TỈNH ĐẮK LẮK')}`
    const text = (lines: ReturnType<typeof breakLines>) => lines.map((l) => l.words.map((w) => w.pieces.map((p) => p.text).join('')).join(' ').replace(/\u00a0/g, ' '))
    const wide = fonts.width('bold', 'KHOA HỌC VÀ CÔNG NGHỆ') * 12.5 + 2
    expect(text(breakLines(name, fonts, { size: 12.5, bold: true, width: wide }))).toEqual(['QUỸ PHÁT TRIỂN', 'KHOA HỌC VÀ CÔNG NGHỆ', 'TỈNH ĐẮK LẮK'])
    // too narrow for the middle group: it breaks at its own spaces, never inside a word
    const narrow = Math.max(fonts.width('bold', 'TỈNH ĐẮK LẮK'), fonts.width('bold', 'QUỸ PHÁT TRIỂN')) * 12.5 + 2
    const lines = text(breakLines(name, fonts, { size: 12.5, bold: true, width: narrow }))
    expect(lines[0]).toBe('QUỸ PHÁT TRIỂN')
    expect(lines.at(-1)).toBe('TỈNH ĐẮK LẮK')
    expect(lines.join(' ')).toBe('QUỸ PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐẮK LẮK')
    for (const l of lines) expect(l.split(' ').every((w) => 'QUỸ PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐẮK LẮK'.split(' ').includes(w))).toBe(true)
  })
})

describe('rendered documents', () => {
  const justified: DocumentModel = {
    blocks: [
      { kind: 'paragraph', text: LOREM, align: 'justify', indent: 10 * MM, after: 6 },
      { kind: 'paragraph', text: [{ text: 'Điều 2. ', bold: true }, { text: LOREM }], align: 'justify', indent: 10 * MM },
      { kind: 'paragraph', text: 'Căn giữa', align: 'center', bold: true, rule: 'text' },
      { kind: 'paragraph', text: 'Bên phải', align: 'right', italic: true },
    ],
  }

  it('justifies: every line but the last of a paragraph ends on the right margin (±0.5 pt)', async () => {
    await withPdf(justified, async (file) => {
      const lines = textLines(await wordBoxes(file))
      const paragraphLines = lines.filter((l) => l[0].xMin < TEXT_BOX.left + 40)
      // two paragraphs of several lines; the last line of each is short
      const ends = paragraphLines.map((l) => l.at(-1)!.xMax)
      const full = ends.filter((e) => Math.abs(e - TEXT_BOX.right) <= 0.5)
      expect(full.length).toBe(paragraphLines.length - 2)
      // the first line is indented 1 cm
      expect(paragraphLines[0][0].xMin).toBeCloseTo(TEXT_BOX.left + 10 * MM, 0)
      const centred = lines.find((l) => l[0].text === 'Căn')!
      expect((centred[0].xMin + centred.at(-1)!.xMax) / 2).toBeCloseTo((TEXT_BOX.left + TEXT_BOX.right) / 2, 0)
      const right = lines.find((l) => l[0].text === 'Bên')!
      expect(right.at(-1)!.xMax).toBeCloseTo(TEXT_BOX.right, 0)
      expect(await layoutLines(file)).toContain('Căn giữa')
    })
  })

  it('runs a long table over pages: header repeated, rows whole, numbers from page 2 centred at the top, all inside the margins', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [String(i + 1), `Tổ chức số ${i + 1}`, i % 7 === 0 ? LOREM : `Nhiệm vụ ${i + 1}`, `${(i + 1) * 1000}.000`])
    const model: DocumentModel = {
      blocks: [
        { kind: 'paragraph', text: 'Bảng', bold: true, align: 'center', keepWithNext: true },
        {
          kind: 'table',
          columns: [{ width: { mm: 12 }, align: 'center' }, { width: { fr: 2 } }, { width: { fr: 3 } }, { width: { mm: 30 }, align: 'right' }],
          header: [['STT', 'Tổ chức', 'Tên nhiệm vụ', 'Kinh phí']],
          rows,
          size: 12,
        },
        { kind: 'paragraph', text: 'Hết./.' },
      ],
    }
    await withPdf(model, async (file) => {
      const pages = Number((await pdfInfo(file)).Pages)
      expect(pages).toBeGreaterThanOrEqual(3)
      const words = await wordBoxes(file)
      for (let p = 1; p <= pages; p++) {
        const text = await layoutLines(file, p)
        const tableRows = text.filter((l) => /^\d+ Tổ chức số \d+/.test(l))
        if (tableRows.length) expect(text, `page ${p}`).toContain('STT Tổ chức Tên nhiệm vụ Kinh phí')
        const onPage = words.filter((w) => w.page === p)
        const number = onPage.filter((w) => w.yMax < TEXT_BOX.top)
        if (p === 1) expect(number).toEqual([])
        else {
          expect(number.map((w) => w.text)).toEqual([String(p)])
          expect((number[0].xMin + number[0].xMax) / 2).toBeCloseTo((TEXT_BOX.left + TEXT_BOX.right) / 2, 0)
        }
        for (const w of onPage.filter((x) => x.yMax >= TEXT_BOX.top)) {
          expect(w.xMin, w.text).toBeGreaterThanOrEqual(TEXT_BOX.left - 0.01)
          expect(w.xMax, w.text).toBeLessThanOrEqual(TEXT_BOX.right + 0.01)
          expect(w.yMax, w.text).toBeLessThanOrEqual(TEXT_BOX.bottom + 0.01)
        }
      }
      // every row once, in order, none split across pages
      const all = await layoutLines(file)
      const numbers = all.map((l) => /^(\d+) Tổ chức số (\d+)/.exec(l)).filter(Boolean).map((m) => Number(m![1]))
      expect(numbers).toEqual(rows.map((_, i) => i + 1))
      expect(all.at(-1)).toBe('Hết./.')
    })
  })

  it('breaks a table row taller than a page between its lines, never below the margin', async () => {
    const huge = Array.from({ length: 12 }, () => LOREM).join(' ')
    const model: DocumentModel = {
      blocks: [{ kind: 'table', columns: [{ width: { fr: 1 } }, { width: { fr: 1 } }], header: [['A', 'B']], rows: [['1', huge], ['2', 'x']] }],
    }
    await withPdf(model, async (file) => {
      expect(Number((await pdfInfo(file)).Pages)).toBeGreaterThan(1)
      for (const w of await wordBoxes(file)) if (w.yMax >= TEXT_BOX.top) expect(w.yMax).toBeLessThanOrEqual(TEXT_BOX.bottom + 0.01)
      expect((await layoutLines(file)).join(' ')).toContain('2 x')
    })
  })

  it('embeds each used face once, as a subset with a ToUnicode map; unused faces are left out', async () => {
    await withPdf(justified, async (file) => {
      const fonts = await pdfFonts(file)
      expect(fonts.map((f) => f.name.replace(/-\d+$/, '')).sort()).toEqual(['LiberationSerif', 'LiberationSerif-Bold', 'LiberationSerif-Italic'])
      for (const f of fonts) expect([f.emb, f.uni]).toEqual(['yes', 'yes'])
      const info = await pdfInfo(file)
      expect(info['Page size']).toBe('595.28 x 841.89 pts (A4)')
    })
  })

  it('draws the same glyphs with the fast subsetter as with fontkit’s', async () => {
    const fonts = await loadLayoutFonts()
    const laid = layoutDocument(justified, fonts)
    const fast = await tempPdf(await drawDocument(laid, fonts, {}, true), 'fast.pdf')
    const slow = await tempPdf(await drawDocument(laid, fonts, {}, false), 'slow.pdf')
    try {
      expect((await pagePng(fast.file, 1, 100)).equals(await pagePng(slow.file, 1, 100))).toBe(true)
    } finally {
      await fast.dispose()
      await slow.dispose()
    }
  })

  it('lays out header columns, the number and date on one baseline, and the signature block', async () => {
    const blocks: Block[] = [
      { kind: 'header', left: [{ text: 'CƠ QUAN CHỦ QUẢN' }, { text: 'CƠ QUAN BAN HÀNH', bold: true, rule: 0.4 }], right: [{ text: 'QUỐC HIỆU', bold: true }, { text: 'Tiêu ngữ', bold: true, rule: 'text' }] },
      { kind: 'numberDate', left: { text: 'Số: 01/X-Y' }, right: { text: 'Nơi, ngày 05', italic: true, size: 14 } },
      { kind: 'spacer', height: 20 },
      { kind: 'signature', recipientsTitle: { text: 'Gửi:', bold: true, italic: true, size: 12 }, recipients: [{ text: '- A;', size: 11 }, { text: '- B.', size: 11 }], authority: [{ text: 'CHỨC VỤ', bold: true }], signer: { text: 'Người Ký', bold: true } },
    ]
    const fonts = await loadLayoutFonts()
    const laid = layoutDocument({ blocks }, fonts)
    const ops = laid.pages[0].ops
    const text = (t: string) => ops.find((o) => o.op === 'text' && o.text === t) as Extract<(typeof ops)[number], { op: 'text' }>
    expect(text('Số: 01/X-Y').y).toBeCloseTo(text('Nơi, ngày 05').y, 6)
    // the rule under "Tiêu ngữ" is as long as the text; the one under the issuing body 0.4 of it, centred
    const rules = ops.filter((o) => o.op === 'line')
    const motto = text('Tiêu ngữ')
    expect(rules.some((r) => r.op === 'line' && Math.abs(r.x1 - motto.x) < 0.01 && Math.abs(r.x2 - (motto.x + motto.width)) < 0.01)).toBe(true)
    const body = text('CƠ QUAN BAN HÀNH')
    const short = rules.find((r) => r.op === 'line' && Math.abs(r.x2 - r.x1 - 0.4 * body.width) < 0.01)
    expect(short).toBeDefined()
    expect(((short as { x1: number }).x1 + (short as { x2: number }).x2) / 2).toBeCloseTo(body.x + body.width / 2, 6)
    // the signer sits at least the seal's space (25 mm) below the authority line
    expect(text('CHỨC VỤ').y - text('Người Ký').y).toBeGreaterThan(25 * MM)
    expect(text('Gửi:').y).toBeCloseTo(text('CHỨC VỤ').y, 6)
    expect(laid.box).toEqual({ left: 30 * MM, right: A4.width - 15 * MM, top: A4.height - 20 * MM, bottom: 20 * MM })
  })

  it('keeps the rule under a summary line clear of descenders and the dots below Vietnamese vowels', async () => {
    const fonts = await loadLayoutFonts()
    const size = 14
    const laid = layoutDocument({ blocks: [{ kind: 'paragraph', text: 'vị đặc trưng', bold: true, size, align: 'center', rule: 0.35 }] }, fonts)
    const ops = laid.pages[0].ops
    const line = ops.find((o) => o.op === 'text') as Extract<(typeof ops)[number], { op: 'text' }>
    const rule = ops.find((o) => o.op === 'line') as Extract<(typeof ops)[number], { op: 'line' }>
    // The lowest ink of "ị", "ặ" and "g" reaches about the font's descent under the baseline; the rule sits 3 pt
    // or more below it (at 2 pt it touched them in print).
    expect(line.y - fonts.descent('bold') * size - rule.y1).toBeGreaterThanOrEqual(3)
  })
})
