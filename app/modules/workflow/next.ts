import type { ApplicationStatus, ContractStatus, CouncilStatus } from '../../../db/schema'
import type { MessageKey } from '../../i18n'
import { eventsFor, isCouncilEvent, type WorkflowEvent } from './machine'

// What is to be done next with an application, on the office's page and on the applicant's: the events the
// status machine gives each capacity, and what is actually due around them (a council to form or to conclude,
// an outcome document to issue, changes the applicant owes). Pure and browser-safe: the loaders gather the
// facts, the pages say them in words.

export type OutcomeDocument = 'decision' | 'notice' | 'supplementation' | 'ineligible'

export interface NextFacts {
  applicationId: string
  callId: string
  status: ApplicationStatus
  /** The council that has the application, if any. */
  council: { id: string; name: string; status: CouncilStatus } | null
  /** The call is decided without a council and no council has the application: the office takes its steps. */
  withoutCouncil: boolean
  /** The outcome document the status calls for and that is not issued yet. */
  pendingDocument: OutcomeDocument | null
  /** The due date ('YYYY-MM-DD') of the open request for changes, or of the revision after the council. */
  changesDue: string | null
  /** The pending document was sent for signature and waits for its signer (decisions/requests.ts). */
  signatureRequest?: { id: string } | null
  /** The call exempts its applications from the revision and the cost appraisal (calls.without_appraisal). */
  exempt?: boolean
  /** Where the cost appraisal stands: its team formed, its meeting recorded, its minutes issued. */
  appraisal?: { recorded: boolean; minutesIssued: boolean } | null
  /** The application's contract, once drafted (contracts module). */
  contract?: { status: ContractStatus } | null
}

type Words = { text: MessageKey; params?: Record<string, string> }

export type StaffStep = ({ kind: 'link'; href: string } & Words) | { kind: 'event'; event: WorkflowEvent; withoutCouncil: boolean }

export interface StaffNext {
  steps: StaffStep[]
  /** Who acts next when it is not (only) this person, in words. */
  waiting: Words | null
}

/**
 * The office's and the director's next steps. `formingCouncils`: the call's councils still being formed, which
 * an eligible application may join.
 */
export function staffNextSteps(facts: NextFacts & { formingCouncils: { id: string; name: string }[] }, capacities: { staff: boolean; director: boolean }): StaffNext {
  const { status, council } = facts
  const steps: StaffStep[] = []
  if (capacities.staff) {
    // What is due first: the outcome's document, then the council.
    if (facts.pendingDocument && !facts.signatureRequest) steps.push({ kind: 'link', text: `screening.next.issue.${facts.pendingDocument}`, href: '#documents' })
    if (status === 'eligible' && !council && !facts.withoutCouncil) {
      for (const c of facts.formingCouncils) steps.push({ kind: 'link', text: 'screening.next.council.add', params: { name: c.name }, href: `/staff/councils/${c.id}` })
      steps.push({ kind: 'link', text: 'screening.next.council.new', href: `/staff/councils/new?call=${facts.callId}` })
    }
    if (council && (status === 'eligible' || status === 'in_review' || status === 'reviewed')) {
      steps.push(
        council.status === 'forming'
          ? { kind: 'link', text: 'screening.next.council.finish', params: { name: council.name }, href: `/staff/councils/${council.id}` }
          : { kind: 'link', text: 'screening.next.council.meeting', params: { name: council.name }, href: `/staff/councils/${council.id}/meeting` },
      )
    }
    if (status === 'screening' || status === 'changes_requested') steps.push({ kind: 'link', text: 'screening.checklist.link', href: `/staff/applications/${facts.applicationId}/screening` })
    // The cost appraisal: form the team, then record its meeting and issue its minutes, on its own page.
    const appraisalPage = `/staff/applications/${facts.applicationId}/appraisal`
    if (status === 'revised' && !facts.appraisal) steps.push({ kind: 'link', text: 'screening.next.appraisal.form', href: appraisalPage })
    if (status === 'appraisal' && !facts.appraisal?.minutesIssued) steps.push({ kind: 'link', text: 'screening.next.appraisal.record', href: appraisalPage })
    // Once the decision is issued, the contract is drafted, sent, accepted and signed on its own page.
    if (status === 'approved' && facts.pendingDocument !== 'decision') {
      steps.push({ kind: 'link', text: facts.contract ? 'screening.next.contract.open' : 'screening.next.contract.draft', href: `/staff/tasks/${facts.applicationId}/contract` })
    }
  }
  // The director signs what the office sent (the document is numbered and sent when signed).
  if (capacities.director && facts.pendingDocument && facts.signatureRequest) {
    steps.push({ kind: 'link', text: `screening.next.sign.${facts.pendingDocument}`, href: `/signing/${facts.signatureRequest.id}` })
  }
  for (const as of ['staff', 'director'] as const) {
    if (!capacities[as]) continue
    for (const event of eventsFor(status, as)) {
      // A council's steps are its pages' to take, unless the call is decided without one.
      if (isCouncilEvent(event) && !facts.withoutCouncil) continue
      // A termination is the signed amendment's to make (contracts/amendments.ts), not a button's.
      if (event === 'terminate') continue
      // The task is under contract once the contract is signed by both parties (its page offers the step too).
      if (event === 'sign_contract' && (facts.pendingDocument === 'decision' || facts.contract?.status !== 'signed')) continue
      // A skip needs the call's exemption (the revision also a call decided without a council).
      if (event === 'skip_revision' && !facts.exempt && !facts.withoutCouncil) continue
      if (event === 'skip_appraisal' && !facts.exempt) continue
      // The appraisal starts once its team is formed, and concludes once its minutes are issued.
      if (event === 'start_appraisal' && !facts.appraisal) continue
      if (event === 'complete_appraisal' && !facts.appraisal?.minutesIssued) continue
      if (!steps.some((s) => s.kind === 'event' && s.event === event)) steps.push({ kind: 'event', event, withoutCouncil: isCouncilEvent(event) })
    }
  }
  const others = status === 'changes_requested' || status === 'revision' || status === 'in_progress'
  return { steps, waiting: steps.length === 0 || others ? waitingFor(facts) : null }
}

function waitingFor(facts: NextFacts): Words {
  switch (facts.status) {
    case 'changes_requested':
      return facts.changesDue ? { text: 'screening.next.wait.applicant', params: { date: facts.changesDue.split('-').reverse().join('/') } } : { text: 'screening.next.wait.applicantUndated' }
    case 'in_review':
    case 'reviewed':
      return facts.council ? { text: 'screening.next.wait.council', params: { name: facts.council.name } } : { text: 'screening.next.wait.office' }
    case 'revision':
      return facts.changesDue ? { text: 'screening.next.wait.revision', params: { date: facts.changesDue.split('-').reverse().join('/') } } : { text: 'screening.next.wait.revisionUndated' }
    case 'not_recommended':
    case 'appraised':
      return { text: 'screening.next.wait.director' }
    case 'in_progress':
      return { text: 'screening.next.wait.results' }
    case 'rejected':
    case 'ineligible':
    case 'withdrawn':
    case 'cancelled':
    case 'closed':
      return facts.pendingDocument ? waitingForDocument(facts) : { text: 'screening.next.wait.ended' }
    default:
      return facts.pendingDocument ? waitingForDocument(facts) : { text: 'screening.next.wait.office' }
  }
}

/** A document is due: the office prepares it, then its signer signs it. */
const waitingForDocument = (facts: NextFacts): Words => (facts.signatureRequest ? { text: 'screening.next.wait.signature' } : { text: 'screening.next.wait.office' })

/** What happens next, as the applicant reads it on their application's page. */
export function applicantNextStep(facts: NextFacts): Words {
  const { status } = facts
  switch (status) {
    case 'draft':
      return { text: 'applications.whatNext.draft' }
    case 'submitted':
    case 'resubmitted':
    case 'screening':
      return { text: 'applications.whatNext.screening' }
    case 'changes_requested':
      return facts.changesDue ? { text: 'applications.whatNext.changes', params: { date: facts.changesDue.split('-').reverse().join('/') } } : { text: 'applications.whatNext.changesUndated' }
    case 'eligible':
    case 'in_review':
    case 'reviewed':
      return { text: facts.withoutCouncil ? 'applications.whatNext.review.office' : 'applications.whatNext.review.council' }
    case 'recommended':
      // Under the call's exemption no revision follows: the director decides next.
      return { text: facts.exempt ? 'applications.whatNext.decision' : 'applications.whatNext.recommended' }
    case 'revision':
      return facts.changesDue ? { text: 'applications.whatNext.revision', params: { date: facts.changesDue.split('-').reverse().join('/') } } : { text: 'applications.whatNext.revisionUndated' }
    case 'revised':
    case 'appraisal':
      return { text: 'applications.whatNext.appraisal' }
    case 'not_recommended':
    case 'appraised':
      return { text: 'applications.whatNext.decision' }
    case 'approved':
      return { text: facts.pendingDocument === 'decision' ? 'applications.whatNext.approved.document' : 'applications.whatNext.approved.contract' }
    case 'rejected':
      return { text: facts.pendingDocument === 'notice' ? 'applications.whatNext.rejected.notice' : 'applications.whatNext.rejected' }
    case 'contracted':
    case 'in_progress':
      return { text: 'applications.whatNext.work' }
    default:
      return { text: `applications.whatNext.${status}` }
  }
}
