// Names in the heading of every official document wrap between word groups, never inside one (issue 10: the
// notice's heading broke the province as "TỈNH ĐẮK / LẮK"). Each document type is drawn with the demo fund, with
// the fund as the portal's settings store it (no short issuing body: the whole name in the heading) and with a
// long fund name, and read back with pdftotext -layout.
import { describe, expect, it } from 'vitest'
import { type DocumentModel, renderDocument } from '../app/modules/documents/layout'
import { pdfLines } from '../app/modules/documents/layout/pdf-check'
import { type FundSettings, holdNameGroups } from './common'
import { decision } from './decision'
import { demoFund } from './demo'
import { minutes } from './minutes'
import { rejectionNotice } from './notice-rejection'
import { receipt } from './receipt'
import { demoDecision, demoMinutes, demoReceipt, demoRejection, demoScoring, demoSupplementation } from './samples'
import { scoringSheet } from './scoring-sheet'
import { supplementationNotice } from './supplementation'

const STORED: FundSettings = { ...demoFund, parentBody: 'UBND TỈNH ĐẮK LẮK', fundName: 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk', issuingBody: undefined, signerAuthority: '', signerTitle: 'GIÁM ĐỐC' }
const LONG: FundSettings = {
  ...STORED,
  parentBody: 'Ủy ban nhân dân tỉnh Đắk Lắk',
  fundName: 'Quỹ Phát triển khoa học, công nghệ và đổi mới sáng tạo tỉnh Đắk Lắk',
}

const DOCUMENTS: Record<string, (fund: FundSettings) => DocumentModel> = {
  decision: (fund) => decision({ ...demoDecision(0), fund }),
  'notice of rejection': (fund) => rejectionNotice({ ...demoRejection(0), fund }),
  supplementation: (fund) => supplementationNotice({ ...demoSupplementation(0), fund }),
  'scoring sheet': (fund) => scoringSheet({ ...demoScoring(0), fund }),
  minutes: (fund) => minutes({ ...demoMinutes(0), fund }),
  receipt: (fund) => receipt({ ...demoReceipt(0), fund }),
}

/** The groups that must each stand whole on one line of the heading. */
const GROUPS = ['TỈNH ĐẮK LẮK', 'CỘNG HÒA', 'XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'QUỸ PHÁT TRIỂN']

describe('the heading of every document', () => {
  for (const [name, make] of Object.entries(DOCUMENTS)) {
    for (const [label, fund] of [['demo', demoFund], ['stored', STORED], ['long name', LONG]] as const) {
      it(`keeps “TỈNH ĐẮK LẮK” and the other word groups on one line: ${name}, ${label} fund`, async () => {
        const lines = await pdfLines(await renderDocument(make(fund)))
        const head = lines.slice(0, 6).join('\n')
        for (const g of GROUPS) expect(head, `${g} in\n${head}`).toContain(g)
        for (const g of fund === LONG ? ['KHOA HỌC,', 'CÔNG NGHỆ', 'ĐỔI MỚI SÁNG TẠO', 'ỦY BAN NHÂN DÂN'] : ['KHOA HỌC VÀ CÔNG NGHỆ']) expect(head, `${g} in\n${head}`).toContain(g)
        for (const line of lines) {
          expect(line, line).not.toMatch(/ĐẮK$/)
          expect(line, line).not.toMatch(/^LẮK\b/)
        }
      })
    }
  }
})

describe('holdNameGroups', () => {
  it('binds the place with its unit and the groups of organ names, whatever the case', () => {
    const nb = (s: string) => s.replace(/ /g, '\u00a0')
    expect(holdNameGroups('UBND TỈNH ĐẮK LẮK', 'Đắk Lắk')).toBe(`UBND ${nb('TỈNH ĐẮK LẮK')}`)
    expect(holdNameGroups('QUỸ PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐẮK LẮK', 'Đắk Lắk')).toBe(`${nb('QUỸ PHÁT TRIỂN')} ${nb('KHOA HỌC VÀ CÔNG NGHỆ')} ${nb('TỈNH ĐẮK LẮK')}`)
    expect(holdNameGroups('Sở Khoa học và Công nghệ tỉnh Đắk Lắk', 'Đắk Lắk')).toBe(`Sở ${nb('Khoa học và Công nghệ')} ${nb('tỉnh Đắk Lắk')}`)
    expect(holdNameGroups('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Đắk Lắk')).toBe(`${nb('CỘNG HÒA')} ${nb('XÃ HỘI CHỦ NGHĨA')} ${nb('VIỆT NAM')}`)
  })
})
