import { describe, expect, it } from 'vitest'
import type { SignatureRequestKind } from '../../db/schema'
import { catalogues } from './catalogues'

// Every kind of document the Fund signs has a name in both languages: the lists of documents print it, and a
// kind without one shows its key and logs an error on every page that lists it.
const KINDS = {
  decision: true,
  notice: true,
  ineligible: true,
  supplementation: true,
  minutes: true,
  appraisal_minutes: true,
  opening_record: true,
  liquidation: true,
  acceptance_minutes: true,
  contract: true,
  amendment: true,
  change_decision: true,
} satisfies Record<SignatureRequestKind, true>

describe('the names of the documents', () => {
  it('name every kind of signed document in both languages', () => {
    for (const lang of ['vi', 'en'] as const) {
      const messages = catalogues[lang] as Record<string, string>
      const missing = Object.keys(KINDS).filter((k) => !messages[`documents.kind.${k}`])
      expect(missing, lang).toEqual([])
    }
  })
})
