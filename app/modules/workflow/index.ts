// The status machine: every change of an application's status goes through applyTransition.
export {
  applyTransition,
  applyTransitionIn,
  type GuardProblem,
  type LastChange,
  type Refusal,
  type TransitionActor,
  type TransitionRequest,
  type TransitionResult,
} from './apply'
export { type Actor, COUNCIL_EVENTS, EVENTS, eventsFor, isCouncilEvent, STAGES, stagesOf, STATUSES, TERMINAL, TRANSITIONS, type WorkflowEvent } from './machine'
export { councilStanding, type CouncilStanding, decidedWithoutCouncil } from './council'
export { applicantNextStep, type NextFacts, type OutcomeDocument, type StaffNext, staffNextSteps, type StaffStep } from './next'
export { applicantRecipients, officeRecipients, type FundMessage, listFundMessages, roleRecipients, sendFundMessage } from './messages'
export { EVENT_FORM_KIND, EVENT_INPUT, type EventForm, FORM_SCHEMAS, REOPENABLE_SECTIONS } from './schemas'
export { MAIL_ATTACHMENT_RENDERERS, mailAttachmentRenderers, SUBMISSION_RECEIPT, submissionReceipt } from './receipt'
