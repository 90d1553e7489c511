// Acceptance (nghiệm thu) of a funded task, issue 12 (ADR 021): the grantee's results dossier and
// submit_results, the acceptance council (members, conflicts, ratings by the coded rule), its signed minutes,
// pass/fail_acceptance, the finalisation period, and the results registration form.
export { ACCEPTANCE_RATINGS, ACCEPTANCE_ROLES, conflictSchema, dossierSchema, finaliseSchema, voteSchema } from './schemas'
export { DOSSIER_PARTS, dossierProblems } from './state'
export { finaliseResults, getResultsDossier, type ResultsDossier, saveResultsDossier, submitResults } from './dossier'
export {
  acceptanceSeatOf,
  type AcceptanceCouncilView,
  type AcceptanceMemberView,
  castAcceptanceVote,
  concludeAcceptance,
  declareAcceptanceConflict,
  formAcceptanceCouncil,
  getAcceptanceCouncil,
  addAcceptanceMember,
  removeAcceptanceMember,
} from './council'
export { ACCEPTANCE_MINUTES_KIND, acceptanceMinutesModel, issuedAcceptanceMinutes, presidingAcceptanceMember } from './minutes'
export { nextDue } from './next'
export { resultsRegistrationPdf } from './registration'
