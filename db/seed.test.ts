import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, DEMO_EXPERTS, demoAccountsTable } from './seed'

// What `npm start` prints: every demo account a person may sign in with, each on its own line with its role
// and name — not a range of addresses to guess from.
describe('the demo accounts table', () => {
  const table = demoAccountsTable()
  const lines = table.split('\n')

  it('lists every demo account on one line with its role, e-mail and name', () => {
    for (const a of [...DEMO_ACCOUNTS, ...DEMO_EXPERTS]) {
      const line = lines.find((l) => l.includes(` ${a.email} `))
      expect(line, a.email).toBeDefined()
      expect(line).toContain(a.fullName)
      const printed = a.role === 'reviewer' ? 'expert' : a.role === 'accountant' ? 'chief accountant' : a.role
      expect(line).toMatch(new RegExp(`^\\s+${printed} · `))
    }
    expect(lines).toHaveLength(2 + DEMO_ACCOUNTS.length + DEMO_EXPERTS.length)
    expect(table).not.toContain('…')
  })

  it('keeps the columns aligned and the experts together', () => {
    const emailColumn = lines[0].indexOf('E-mail')
    for (const line of lines.slice(2)) expect(line.indexOf('@') > emailColumn && line[emailColumn - 1] === ' ').toBe(true)
    const roles = lines.slice(2).map((l) => l.trim().split(' · ')[0])
    expect(roles).toEqual(['applicant', ...Array(1 + DEMO_EXPERTS.length).fill('expert'), 'staff', 'director', 'chief accountant', 'admin'])
  })
})
