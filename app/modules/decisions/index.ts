// Decisions and the register of official documents (numbering per year and type, gap-free).
export {
  cancelNumber,
  DOCUMENT_ABBREVIATION,
  formatDocumentNumber,
  issueNumber,
  listRegister,
  type RegisteredNumber,
  type RegisterEntry,
  takeNumber,
} from './register'
