import { describe, expect, it } from 'vitest'
import { catalogue } from '../../i18n'
import { eventsFor, isCouncilEvent, STATUSES } from './machine'
import { applicantNextStep, type NextFacts, type OutcomeDocument, staffNextSteps } from './next'

// "What to do next" on every status, for every capacity: only what the machine allows, nothing that is not
// due yet, and never a page that says nothing.

const COUNCIL = { id: 'c1', name: 'Hội đồng số 1', status: 'formed' as const }
const PENDING: Partial<Record<string, OutcomeDocument>> = { approved: 'decision', rejected: 'notice', changes_requested: 'supplementation' }

function facts(status: (typeof STATUSES)[number], over: Partial<NextFacts & { formingCouncils: { id: string; name: string }[] }> = {}): NextFacts & { formingCouncils: { id: string; name: string }[] } {
  return { applicationId: 'a1', callId: 'k1', status, council: null, withoutCouncil: false, pendingDocument: null, changesDue: null, formingCouncils: [], ...over }
}

const variants = (status: (typeof STATUSES)[number]) => [
  facts(status),
  facts(status, { council: COUNCIL }),
  facts(status, { withoutCouncil: true }),
  facts(status, { pendingDocument: PENDING[status] ?? null, changesDue: '2030-12-15' }),
  facts(status, { contract: { status: 'signed' } }),
]

describe('what to do next', () => {
  it('offers the office and the director only the events the machine allows, the council’s only without a council, sign_contract only once the contract is signed', () => {
    for (const status of STATUSES) {
      for (const f of variants(status)) {
        for (const capacities of [{ staff: true, director: false }, { staff: false, director: true }, { staff: true, director: true }]) {
          const next = staffNextSteps(f, capacities)
          const allowed = [...(capacities.staff ? eventsFor(status, 'staff') : []), ...(capacities.director ? eventsFor(status, 'director') : [])]
          for (const step of next.steps) {
            if (step.kind !== 'event') continue
            expect(allowed, `${status}: ${step.event}`).toContain(step.event)
            if (isCouncilEvent(step.event)) expect(f.withoutCouncil, `${status}: ${step.event} without a council`).toBe(true)
            if (step.event === 'sign_contract') expect([f.pendingDocument, f.contract?.status]).toEqual([null, 'signed'])
          }
          // Never an empty answer: something to do, or who acts next.
          expect(next.steps.length > 0 || next.waiting !== null, `${status} ${JSON.stringify(capacities)}`).toBe(true)
        }
      }
    }
  })

  it('points an eligible application without a council to the call’s councils, and a due document to the documents', () => {
    expect(staffNextSteps(facts('eligible', { formingCouncils: [{ id: 'c2', name: 'Hội đồng đang lập' }] }), { staff: true, director: false }).steps).toEqual([
      { kind: 'link', text: 'screening.next.council.add', params: { name: 'Hội đồng đang lập' }, href: '/staff/councils/c2' },
      { kind: 'link', text: 'screening.next.council.new', href: '/staff/councils/new?call=k1' },
    ])
    expect(staffNextSteps(facts('approved', { pendingDocument: 'decision' }), { staff: true, director: true }).steps).toEqual([
      { kind: 'link', text: 'screening.next.issue.decision', href: '#documents' },
      { kind: 'event', event: 'cancel', withoutCouncil: false },
    ])
    expect(staffNextSteps(facts('closed'), { staff: true, director: true })).toEqual({ steps: [], waiting: { text: 'screening.next.wait.ended' } })
  })

  it('sends the office to the contract’s page once the decision is issued, and offers sign_contract only once it is signed', () => {
    const contractPage = (text: string) => ({ kind: 'link', text, href: '/staff/tasks/a1/contract' })
    expect(staffNextSteps(facts('approved'), { staff: true, director: false }).steps).toEqual([contractPage('screening.next.contract.draft')])
    expect(staffNextSteps(facts('approved', { contract: { status: 'proposed' } }), { staff: true, director: false }).steps).toEqual([contractPage('screening.next.contract.open')])
    expect(staffNextSteps(facts('approved', { contract: { status: 'signed' } }), { staff: true, director: false }).steps).toEqual([
      contractPage('screening.next.contract.open'),
      { kind: 'event', event: 'sign_contract', withoutCouncil: false },
    ])
    // The director has nothing to do with the contract here: they sign it on its signature request.
    expect(staffNextSteps(facts('approved', { contract: { status: 'draft' } }), { staff: false, director: true }).steps).toEqual([{ kind: 'event', event: 'cancel', withoutCouncil: false }])
  })

  it('says every step in both languages, on the office’s page and on the applicant’s', () => {
    for (const lang of ['vi', 'en'] as const) {
      const words = catalogue(lang) as Record<string, string>
      for (const status of STATUSES) {
        for (const f of variants(status)) {
          const mine = applicantNextStep(f)
          expect(words[mine.text], `${status}: ${mine.text}`).toBeTruthy()
          const next = staffNextSteps({ ...f, formingCouncils: [{ id: 'c', name: 'x' }] }, { staff: true, director: true })
          for (const step of next.steps) if (step.kind === 'link') expect(words[step.text], step.text).toBeTruthy()
          if (next.waiting) expect(words[next.waiting.text], next.waiting.text).toBeTruthy()
        }
      }
    }
  })
})
