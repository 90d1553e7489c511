export { canEditDraft, getApplicationForMember, type ApplicationCall, type MemberApplication } from './access'
