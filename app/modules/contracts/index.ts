// Post-award: the contract of a funded task (issue 12, ADR 018). Read it (read.ts); draft, edit, propose and
// accept it (draft.ts); its document, numbered and signed through the signature requests (document.ts); the
// changes the grantee asks for and the amendments they become (changes.ts, amendments.ts, ADR 025); what the
// contract's pages read (pages.ts).
export { contractById, contractOf, type Contract, type ContractParties, contractParties, type ContractRecord, contractRecord, representativesOf, type Tranche } from './read'
export { type ContractRules, DEFAULT_CONTRACT_RULES, readContractRules } from './rules'
export {
  acceptContract,
  acceptSchema,
  amountsByYear,
  type ContractRefusal,
  contractFingerprint,
  defaultTranches,
  draftContract,
  draftFromForm,
  type DraftInput,
  draftSchema,
  type DraftTerms,
  isRepresentative,
  proposeContract,
  reopenDraft,
  termsOf,
  updateDraft,
} from './draft'
export { contractAwaitsSignature, contractModel, issueContractIn, previewContract } from './document'
export { type NextDue } from './next-due'
export { listMemberTasks, listPortfolio, type PortfolioFilter, type TaskRow, type TaskView, taskView } from './tasks'
export {
  type AmendmentView,
  type ChangeOutcome,
  type ChangeView,
  changeDecisionDue,
  contractBudget,
  issueChangeDecisionIn,
  listChanges,
  previewChangeDecision,
  requestChange,
  reviewChange,
  withdrawChange,
} from './changes'
export { acceptAmendment, amendmentDue, draftAmendment, issueAmendmentIn, previewAmendment, suspensionsOf } from './amendments'
export { changesForGrantee, contractForGrantee, contractForOffice } from './pages'
