import { describe, expect, it } from 'vitest'
import { catalogue } from '../../i18n'

// Circular 20/2023's second tie-break favours a task whose host organisation OR principal investigator had a
// task rated excellent within 5 years: the one flag the office ticks must say both, in both languages.
describe('the tie-break flag', () => {
  it('names the principal investigator and the host organisation', () => {
    expect(catalogue('vi')['councils.apps.priorExcellent']).toMatch(/Tổ chức chủ trì hoặc chủ nhiệm/)
    expect(catalogue('en')['councils.apps.priorExcellent']).toMatch(/host organisation or the principal investigator/)
  })
})
