import { describe, expect, it } from 'vitest'
import { cleanText, parseVnDate, searchParam } from './params'

describe('input cleaning', () => {
  it('removes NUL and control characters, keeps line breaks, tabs and Vietnamese', () => {
    expect(cleanText('a\u0000b\u0007c\td\ne\r\nf\u007f')).toBe('abc\td\ne\r\nf')
    expect(cleanText('Đắk Lắk'.normalize('NFD'))).toBe('Đắk Lắk'.normalize('NFC'))
  })

  it('bounds a search parameter', () => {
    expect(searchParam(new URL('http://x/?q=%00%20%20Nhung%20'), 'q')).toBe('Nhung')
    expect(searchParam(new URL(`http://x/?q=${'a'.repeat(500)}`), 'q', 10)).toHaveLength(10)
  })

  it('reads dd/mm/yyyy as the start of that day in Việt Nam, refusing impossible dates', () => {
    expect(parseVnDate('05/01/2027')?.toISOString()).toBe('2027-01-04T17:00:00.000Z')
    expect(parseVnDate('29/02/2027')).toBeNull()
    expect(parseVnDate('2027-01-05')).toBeNull()
  })
})
