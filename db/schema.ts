import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type CreatedAt = ColumnType<Date, never, never>
// Both drivers serialise objects bound to jsonb parameters themselves: pass objects, never JSON strings.
type Json = ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>

export type Role = 'applicant' | 'reviewer' | 'staff' | 'director' | 'admin' | 'accountant'
export type Lang = 'vi' | 'en'

export interface UsersTable {
  id: Generated<string>
  email: string
  full_name: string
  password_hash: string | null
  email_verified_at: Date | null
  lang: ColumnType<Lang, Lang | undefined, Lang>
  status: ColumnType<'active' | 'invited' | 'disabled', 'active' | 'invited' | 'disabled' | undefined>
  created_at: Generated<Date>
  updated_at: Timestamp
}

export interface UserRolesTable {
  user_id: string
  role: Role
  granted_by: string | null
  granted_at: Generated<Date>
}

export interface SessionsTable {
  id_hash: string
  user_id: string
  created_at: Generated<Date>
  last_seen_at: Timestamp
  expires_at: Date
  ip: string | null
  user_agent: string | null
}

export type TokenPurpose = 'verify_email' | 'reset_password' | 'invitation'
export interface UserTokensTable {
  id: Generated<string>
  user_id: string
  purpose: TokenPurpose
  token_hash: string
  created_at: Generated<Date>
  expires_at: Date
  used_at: Date | null
}

export interface RateLimitsTable {
  key: string
  window_start: Date
  hits: number
}

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed'
/**
 * A file sent with a message (jsonb): its bytes in base64, or — for a document drawn from what the queuing
 * transaction committed — what to generate (`generate`), replaced by the bytes when the worker first claims it.
 */
export type OutboxAttachment =
  | { filename: string; contentType: string; contentBase64: string }
  | { filename: string; contentType: string; generate: GeneratedAttachment }
/** A document the outbox worker draws when it first takes the message: a kind it has a renderer for, and its parameters. */
export type GeneratedAttachment = { kind: string; params: Record<string, string> }
export interface EmailOutboxTable {
  id: Generated<number>
  created_at: Generated<Date>
  template: string
  lang: Lang
  to_address: string
  to_name: string | null
  subject: string
  text_body: string
  html_body: string
  state: ColumnType<OutboxState, OutboxState | undefined, OutboxState>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  locked_until: Date | null
  last_error: string | null
  sent_at: Date | null
  message_id: string | null
  eml_file: string | null
  attachments: ColumnType<OutboxAttachment[], OutboxAttachment[] | undefined, OutboxAttachment[]>
}

export interface AuditLogTable {
  id: Generated<number>
  at: CreatedAt
  actor_id: string | null
  actor_email: string | null
  action: string
  subject_type: string | null
  subject_id: string | null
  ip: string | null
  details: Json
}

export interface FundSettingsTable {
  id: Generated<number>
  parent_body_vi: string
  parent_body_en: string
  name_vi: string
  name_en: string
  short_name: string
  address: string
  phone: string
  email: string
  website: string | null
  updated_at: Timestamp
  /** The council's scoring and the statutory clocks, as stored overrides of the defaults (review/rules). */
  review_rules: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>
  /** The money rules (recovery shares on failure), as stored overrides of the defaults (payments/rules). */
  money_rules: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>
  /** The symbol after the document type in a number: "05/QĐ-QKHCN". */
  document_symbol: Generated<string>
  /** Where documents are signed: "Đắk Lắk, ngày … tháng … năm …". */
  place_name: Generated<string>
  /** "KT. GIÁM ĐỐC" when a deputy signs for the director; empty when the director signs. */
  signer_authority: Generated<string>
  signer_title: Generated<string>
  signer_name: Generated<string>
  /** The "Căn cứ …" lines of a decision, in order. */
  legal_bases: ColumnType<string[], string[] | undefined, string[]>
  /** The default "Nơi nhận:" lines. */
  recipients: ColumnType<string[], string[] | undefined, string[]>
  /** The Fund's seal (PNG, transparent), drawn by the Fund's signature over the signer's. */
  seal_image: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>
  /** The decision that issued the Fund's charter (cited as a basis): its number, date and issuer. */
  charter_number: Generated<string>
  charter_date: Day
  charter_issuer: Generated<string>
  /** The loans' reminder and overdue periods, as stored overrides of the defaults (loans/rules). */
  loan_rules: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>
  /** The contracts' periods, splits and limits, as stored overrides of the defaults (contracts/rules). */
  contract_rules: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>
}

/** The kinds of document whose legal bases an admin edits (one list each). */
export type LegalBasisKind = 'decision_grant' | 'decision_loan' | 'decision_guarantee' | 'decision_support'
export interface LegalBasesTable {
  doc_kind: LegalBasisKind
  position: number
  text: string
}

/** The terms a loan or a guarantee decision states (applications.funding_terms); all optional. */
export interface FundingTerms {
  /** Interest rate, % a year (a loan). */
  interestRate?: number
  /** Term of the loan or the guarantee, months. */
  termMonths?: number
  /** Repayment schedule, as the decision prints it. */
  repayment?: string
  /** Collateral (tài sản bảo đảm). */
  collateral?: string
  /** The lending bank of a guaranteed loan. */
  lender?: string
  /** Guarantee fee, % a year. */
  guaranteeFee?: number
}

export type CallStatus = 'draft' | 'published' | 'closed'
export type Modality = 'grant' | 'preferential_loan' | 'loan_guarantee' | 'support'
export interface CallsTable {
  id: Generated<string>
  code: string
  status: ColumnType<CallStatus, CallStatus | undefined, CallStatus>
  modality: Modality
  priority_field: string
  title_vi: string
  title_en: string
  summary_vi: string
  summary_en: string
  opens_at: Date
  closes_at: Date
  grace_minutes: Generated<number>
  budget_total: number
  max_amount: number
  min_counterpart_pct: Generated<number>
  max_duration_months: number
  created_at: Generated<Date>
  updated_at: Timestamp
  description_vi: Generated<string>
  description_en: Generated<string>
  eligible_types: ColumnType<OrganisationType[], OrganisationType[] | undefined, OrganisationType[]>
  eligibility_questions: ColumnType<EligibilityQuestion[], EligibilityQuestion[] | undefined, EligibilityQuestion[]>
  rubric_id: number | null
  published_at: Date | null
  closed_at: Date | null
  created_by: string | null
  /** Reviewers of a blind call see neither the applicant's name nor its organisation. */
  blind: Generated<boolean>
  /** A small support call: the Fund decides without a council, each step recording why (ADR 009). */
  without_council: Generated<boolean>
  /** The call's rules let the Fund decide without the revision and the cost appraisal (each skip with its reason). */
  without_appraisal: Generated<boolean>
  /** When the Fund's office published the call's results (published_results), and who. */
  results_published_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  results_published_by: ColumnType<string | null, string | null | undefined, string | null>
  /** How the call's loans are repaid: equal principal or annuity (migration 0031). */
  loan_repayment_method: ColumnType<LoanRepaymentMethod, LoanRepaymentMethod | undefined, LoanRepaymentMethod>
  /** Months between two instalments of the call's loans. */
  loan_repayment_every_months: Generated<number>
}

/** A yes/no question of a call's eligibility check, with the answer that qualifies and why not otherwise. */
export interface EligibilityQuestion {
  id: string
  text_vi: string
  text_en: string
  qualifying: 'yes' | 'no'
  reason_vi: string
  reason_en: string
}

export interface CallDocumentsTable {
  id: Generated<number>
  call_id: string
  position: number
  name_vi: string
  name_en: string
  mandatory: Generated<boolean>
  accepted_types: ColumnType<string[], string[] | undefined, string[]>
  max_size_mb: Generated<number>
}

export interface WardsTable {
  code: string
  kind: 'phuong' | 'xa'
  name: string
  active: Generated<boolean>
}

export interface RubricsTable {
  id: Generated<number>
  code: string
  name_vi: string
  name_en: string
}

export interface RubricCriteriaTable {
  id: Generated<number>
  rubric_id: number
  position: number
  name_vi: string
  name_en: string
  max_points: number
}

export type OrganisationType = 'enterprise' | 'st_organisation' | 'university' | 'cooperative' | 'household' | 'individual'
export type MemberRole = 'owner' | 'editor' | 'viewer'

export interface OrganisationsTable {
  id: Generated<string>
  type: OrganisationType
  name: string
  /** Tax code (10 digits, or 10 + 3 for a branch, stored without separators) or a 12-digit citizen ID. */
  identifier: string
  identifier_kind: 'tax_code' | 'citizen_id'
  address_line: string
  ward_code: string
  legal_rep_name: string
  legal_rep_title: string
  phone: string
  email: string
  website: string | null
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Timestamp
}

export interface OrganisationMembersTable {
  organisation_id: string
  user_id: string
  role: MemberRole
  added_at: Generated<Date>
}

export interface OrganisationInvitationsTable {
  id: Generated<string>
  organisation_id: string
  email: string
  role: Exclude<MemberRole, 'owner'>
  token_hash: string
  invited_by: string | null
  created_at: Generated<Date>
  expires_at: Date
  accepted_at: Date | null
}

export interface Database {
  users: UsersTable
  user_roles: UserRolesTable
  sessions: SessionsTable
  user_tokens: UserTokensTable
  rate_limits: RateLimitsTable
  email_outbox: EmailOutboxTable
  audit_log: AuditLogTable
  fund_settings: FundSettingsTable
  calls: CallsTable
  call_documents: CallDocumentsTable
  wards: WardsTable
  rubrics: RubricsTable
  rubric_criteria: RubricCriteriaTable
  organisations: OrganisationsTable
  organisation_members: OrganisationMembersTable
  organisation_invitations: OrganisationInvitationsTable
  applications: ApplicationsTable
  application_sections: ApplicationSectionsTable
  attachments: AttachmentsTable
  application_events: ApplicationEventsTable
  reference_counters: ReferenceCountersTable
  application_messages: ApplicationMessagesTable
  staff_notes: StaffNotesTable
  screening_checks: ScreeningChecksTable
  holidays: HolidaysTable
  councils: CouncilsTable
  council_members: CouncilMembersTable
  council_applications: CouncilApplicationsTable
  review_assignments: ReviewAssignmentsTable
  reviews: ReviewsTable
  reviewer_relations: ReviewerRelationsTable
  council_conclusions: CouncilConclusionsTable
  document_register: DocumentRegisterTable
  legal_bases: LegalBasesTable
  documents: DocumentsTable
  signature_requests: SignatureRequestsTable
  signers: SignersTable
  jobs: JobsTable
  appraisals: AppraisalsTable
  appraisal_members: AppraisalMembersTable
  appraisal_amounts: AppraisalAmountsTable
  contracts: ContractsTable
  contract_tranches: ContractTranchesTable
  published_results: PublishedResultsTable
  resolution_targets: ResolutionTargetsTable
  target_values: TargetValuesTable
  payment_requests: PaymentRequestsTable
  payment_events: PaymentEventsTable
  settlements: SettlementsTable
  recoveries: RecoveriesTable
  recovery_receipts: RecoveryReceiptsTable
  liquidations: LiquidationsTable
  results_dossiers: ResultsDossiersTable
  acceptance_councils: AcceptanceCouncilsTable
  acceptance_members: AcceptanceMembersTable
  loans: LoansTable
  loan_instalments: LoanInstalmentsTable
  loan_repayments: LoanRepaymentsTable
  loan_repayment_parts: LoanRepaymentPartsTable
  progress_reports: ProgressReportsTable
  progress_report_versions: ProgressReportVersionsTable
  progress_report_products: ProgressReportProductsTable
  inspections: InspectionsTable
  inspection_follow_ups: InspectionFollowUpsTable
  contract_changes: ContractChangesTable
  contract_amendments: ContractAmendmentsTable
}

export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type Call = Selectable<CallsTable>
export type OutboxMessage = Selectable<EmailOutboxTable>
export type AuditEntry = Selectable<AuditLogTable>
export type FundSettings = Selectable<FundSettingsTable>
export type ApplicationStatus =
  | 'draft' | 'submitted' | 'screening' | 'changes_requested' | 'resubmitted' | 'eligible' | 'ineligible' | 'in_review'
  | 'reviewed' | 'recommended' | 'not_recommended' | 'approved' | 'rejected' | 'contracted' | 'in_progress'
  | 'acceptance' | 'completed' | 'failed' | 'closed' | 'withdrawn' | 'cancelled'
  | 'revision' | 'revised' | 'appraisal' | 'appraised'

export interface ApplicationsTable {
  id: Generated<string>
  call_id: string
  organisation_id: string
  created_by: string | null
  status: ColumnType<ApplicationStatus, ApplicationStatus | undefined, ApplicationStatus>
  version: Generated<number>
  reference: string | null
  title: Generated<string>
  eligibility_answers: Json
  requested_amount: Generated<number>
  counterpart_amount: Generated<number>
  organisation_snapshot: ColumnType<Record<string, unknown> | null, Record<string, unknown> | null | undefined, Record<string, unknown> | null>
  submitted_at: Date | null
  withdrawn_at: Date | null
  withdraw_reason: string | null
  status_changed_at: Date | null
  status_changed_by: string | null
  approved_amount: number | null
  decision_conditions: string | null
  decided_at: Date | null
  /** The lump-sum method the decision states: khoán chi toàn phần (full) or từng phần (partial). */
  lump_sum: 'full' | 'partial' | null
  funding_terms: ColumnType<FundingTerms, FundingTerms | undefined, FundingTerms>
  created_at: Generated<Date>
  updated_at: Timestamp
}

export interface ApplicationSectionsTable {
  application_id: string
  key: string
  data: Json
  version: Generated<number>
  completed: Generated<boolean>
  updated_at: Timestamp
  updated_by: string | null
}

export interface AttachmentsTable {
  id: Generated<string>
  application_id: string
  call_document_id: number
  filename: string
  size_bytes: number
  media_type: string
  sha256: string
  storage_key: string
  uploaded_by: string | null
  uploaded_at: Generated<Date>
}

export interface ApplicationEventsTable {
  id: Generated<number>
  application_id: string
  at: Generated<Date>
  actor_id: string | null
  event: string
  from_status: string | null
  to_status: string | null
  details: Json
  from_version: number | null
}

export type MessageKind = 'message' | 'change_request' | 'eligible' | 'ineligible' | 'approved' | 'rejected' | 'cancelled' | 'revision_request'
export interface ApplicationMessagesTable {
  id: Generated<number>
  application_id: string
  author_id: string | null
  kind: MessageKind
  body: string
  /** A change request's due date (local date, 'YYYY-MM-DD' in, Date out). */
  due_on: ColumnType<Date | null, string | null | undefined, string | null>
  /** The section keys a change request opens for editing. */
  sections: ColumnType<string[], string[] | undefined, string[]>
  created_at: Generated<Date>
  resolved_at: Date | null
}

export interface StaffNotesTable {
  id: Generated<number>
  application_id: string
  author_id: string | null
  body: string
  created_at: Generated<Date>
}

export interface ScreeningChecksTable {
  application_id: string
  items: ColumnType<Record<string, boolean>, Record<string, boolean> | undefined, Record<string, boolean>>
  notes: Generated<string>
  updated_by: string | null
  updated_at: Timestamp
}

export interface HolidaysTable {
  day: ColumnType<Date, string, string>
  name_vi: string
  name_en: string
}

export interface ReferenceCountersTable {
  scope: string
  year: number
  last: Generated<number>
}

export type CouncilStatus = 'forming' | 'formed' | 'concluded'
export type CouncilRole = 'chair' | 'vice_chair' | 'secretary' | 'member'
/** A local date column: 'YYYY-MM-DD' written; read it with to_char(…, 'YYYY-MM-DD') to get the same back. */
type Day = ColumnType<Date | string | null, string | null | undefined, string | null>

export interface CouncilsTable {
  id: Generated<string>
  call_id: string
  /** The council's name in each language; mail and pages use the reader's. */
  name_vi: string
  name_en: string
  status: ColumnType<CouncilStatus, CouncilStatus | undefined, CouncilStatus>
  meeting_at: Date | null
  location: Generated<string>
  review_due_on: Day
  vice_chair_authorised: Generated<boolean>
  /** Who presided the meeting (the chair, or the vice-chair); null: the chair. */
  presided_by: string | null
  /** The vote-counting board elected at the meeting: three names, the first its head. */
  counting_board: ColumnType<string[], string[] | undefined, string[]>
  /** Days the applicant has to revise, counted from the adoption of the minutes. */
  revision_days: Generated<number>
  version: Generated<number>
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Timestamp
}

export interface CouncilMembersTable {
  council_id: string
  user_id: string
  role: CouncilRole
  present: boolean | null
  added_at: Generated<Date>
}

export interface CouncilApplicationsTable {
  council_id: string
  application_id: string
  /** The lead organisation also proposed the task (the +10% rule). */
  lead_proposed: Generated<boolean>
  /** A prior task of the lead organisation rated excellent within 5 years (a ranking tie-break). */
  prior_excellent: Generated<boolean>
}

export type ConflictState = 'undeclared' | 'none' | 'declared'
export interface ReviewAssignmentsTable {
  id: Generated<string>
  council_id: string
  application_id: string
  reviewer_id: string
  opponent: Generated<boolean>
  due_on: Day
  conflict: ColumnType<ConflictState, ConflictState | undefined, ConflictState>
  conflict_reason: string | null
  declared_at: Date | null
  /** Conflicts found in the data: [{ kind, detail }]. */
  detected: ColumnType<{ kind: string; detail: string }[], { kind: string; detail: string }[] | undefined, { kind: string; detail: string }[]>
  override_reason: string | null
  overridden_by: string | null
  overridden_at: Date | null
  reminded_at: Date | null
  overdue_notified_at: Date | null
  created_at: Generated<Date>
}

export type Recommendation = 'fund' | 'fund_with_changes' | 'do_not_fund'
export interface ReviewsTable {
  assignment_id: string
  /** Score per rubric criterion id. */
  scores: ColumnType<Record<string, number>, Record<string, number> | undefined, Record<string, number>>
  comments: ColumnType<Record<string, string>, Record<string, string> | undefined, Record<string, string>>
  overall_comment: Generated<string>
  recommendation: Recommendation | null
  state: ColumnType<'draft' | 'submitted', 'draft' | 'submitted' | undefined, 'draft' | 'submitted'>
  version: Generated<number>
  submitted_at: Date | null
  updated_at: Timestamp
}

export interface ReviewerRelationsTable {
  id: Generated<number>
  user_id: string
  tax_code: string | null
  person_name: string | null
  note: Generated<string>
  created_at: Generated<Date>
}

export interface CouncilConclusionsTable {
  application_id: string
  council_id: string
  mean: ColumnType<string | null, number | null, number | null>
  final_score: ColumnType<string | null, number | null, number | null>
  rank: number | null
  recommended: boolean
  fundable: Generated<boolean>
  data: Json
  /** What the council asks to revise, and the lump-sum method it proposes. */
  revisions: Generated<string>
  lump_sum: 'full' | 'partial' | null
  concluded_by: string | null
  concluded_at: Generated<Date>
}

export type DocumentType = 'decision' | 'notice' | 'minutes' | 'receipt' | 'letter' | 'other' | 'contract' | 'amendment'
export interface DocumentRegisterTable {
  id: Generated<number>
  year: number
  doc_type: DocumentType
  number: number
  /** As printed after "Số:": "05/QĐ-QKHCN". */
  symbol: string
  state: ColumnType<'issued' | 'cancelled', 'issued' | 'cancelled' | undefined, 'issued' | 'cancelled'>
  title: Generated<string>
  subject_type: string | null
  subject_id: string | null
  issued_by: string | null
  issued_at: Generated<Date>
  cancelled_by: string | null
  cancelled_at: Date | null
  cancel_reason: string | null
  /** A number the records office gave to a document made outside the portal. */
  external: Generated<boolean>
  one_sequence: Generated<boolean>
}

export interface DocumentsTable {
  id: Generated<string>
  register_id: number | null
  kind: string
  application_id: string | null
  call_id: string | null
  /** The council whose minutes this is. */
  council_id: ColumnType<string | null, string | null | undefined, string | null>
  /** The cost appraisal whose minutes this is. */
  appraisal_id: ColumnType<string | null, string | null | undefined, string | null>
  filename: string
  size_bytes: number
  sha256: string
  storage_key: string
  created_by: string | null
  created_at: Generated<Date>
  /** The short code printed under the QR code: /verify/<code>. */
  verification_code: ColumnType<string | null, string | null | undefined, string | null>
  signed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  signer_id: ColumnType<string | null, string | null | undefined, string | null>
  signer_name: ColumnType<string | null, string | null | undefined, string | null>
  signer_capacity: ColumnType<string | null, string | null | undefined, string | null>
  signer_certificate_sha256: ColumnType<string | null, string | null | undefined, string | null>
  fund_certificate_sha256: ColumnType<string | null, string | null | undefined, string | null>
  /** The contract this document belongs to (the contract itself, an amendment, a post-award record). */
  contract_id: ColumnType<string | null, string | null | undefined, string | null>
}

export type SignatureRequestKind =
  | 'decision' | 'notice' | 'ineligible' | 'supplementation' | 'minutes' | 'appraisal_minutes' | 'opening_record'
  | 'contract' | 'amendment' | 'change_decision' | 'liquidation' | 'acceptance_minutes'
export type SignatureRequestState = 'pending' | 'signed' | 'withdrawn'
/** A document prepared by the office and waiting for its signer (app/modules/decisions/signing.ts). */
export interface SignatureRequestsTable {
  id: Generated<string>
  kind: SignatureRequestKind
  /** The subject: an application, a council, or for an opening record the call alone (call_id). */
  application_id: string | null
  council_id: string | null
  call_id: string | null
  title: string
  /** The person asked to sign; null: any director. */
  signer_id: string | null
  state: ColumnType<SignatureRequestState, SignatureRequestState | undefined, SignatureRequestState>
  prepared_by: string | null
  prepared_at: Generated<Date>
  closed_by: ColumnType<string | null, string | null | undefined, string | null>
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  document_id: ColumnType<string | null, string | null | undefined, string | null>
  /** The contract change or amendment a request signs (migration 0024); null for the others. */
  subject_id: ColumnType<string | null, string | null | undefined, string | null>
}

/** How a person signs: their capacity ("GIÁM ĐỐC"), a deputy's authority line ("KT. GIÁM ĐỐC"), their signature's image. */
export interface SignersTable {
  user_id: string
  capacity: Generated<string>
  authority: Generated<string>
  signature_image: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>
  updated_at: Generated<Date>
}

export type JobKind = 'issue_decisions' | 'export'
export type JobState = 'queued' | 'running' | 'done' | 'failed'
/** A background job (app/modules/decisions/bulk.ts): claimed by a worker with a lease, its progress counted. */
export interface JobsTable {
  id: Generated<string>
  kind: JobKind
  call_id: string | null
  state: ColumnType<JobState, JobState | undefined, JobState>
  total: Generated<number>
  done: Generated<number>
  failed: Generated<number>
  error: string | null
  /** The result (a ZIP) in the file storage. */
  zip_key: string | null
  zip_size: number | null
  zip_sha256: string | null
  locked_until: Date | null
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Timestamp
  finished_at: Date | null
  /** What an export job makes (app/modules/transparency/exports.ts): its table, format, filters and language. */
  params: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>
}
export type Job = Selectable<JobsTable>

/** One approved task of a call as the public sees it, frozen when the office published the call's results. */
export interface PublishedResultsTable {
  application_id: string
  call_id: string
  reference: string
  title: string
  summary: string
  organisation_name: string
  /** Only a tax code: a citizen ID is personal data and is never published. */
  organisation_tax_code: string | null
  organisation_type: OrganisationType
  priority_field: string
  amount: ColumnType<number, number, number>
  counterpart: ColumnType<number, number, number>
  duration_months: number | null
  decision_number: string | null
  /** 'YYYY-MM-DD' in, Date out. */
  decision_date: ColumnType<Date | null, string | null, string | null>
  published_at: Date
  modified_at: Date
}

/** How a target's progress is computed; 'manual' and those the portal holds no evidence for read staff-entered values. */
export type TargetComputation = 'manual' | 'counterpart_vs_state' | 'ip_filings' | 'ocop_ip_products' | 'new_st_enterprises'
/** A number the provincial S&T resolution sets (app/modules/transparency/targets.ts). */
export interface ResolutionTargetsTable {
  id: Generated<number>
  code: string
  position: Generated<number>
  name_vi: string
  name_en: string
  unit_vi: Generated<string>
  unit_en: Generated<string>
  baseline: Generated<number>
  target: number
  target_year: number
  computation: ColumnType<TargetComputation, TargetComputation | undefined, TargetComputation>
  updated_at: Generated<Date>
  updated_by: string | null
}
/** A value staff entered for a target, with where it comes from. */
export interface TargetValuesTable {
  id: Generated<number>
  target_id: number
  value: number
  /** 'YYYY-MM-DD' in, Date out. */
  as_of: ColumnType<Date, string, string>
  source: string
  recorded_by: string | null
  recorded_at: Generated<Date>
}

export type Application = Selectable<ApplicationsTable>
export type Attachment = Selectable<AttachmentsTable>
export type CallDocument = Selectable<CallDocumentsTable>
export type Organisation = Selectable<OrganisationsTable>
export type Ward = Selectable<WardsTable>

export type LumpSumMethod = 'full' | 'partial'
/** A cost appraisal (thẩm định kinh phí) of one application: its team, meeting and findings (appraisal module). */
export interface AppraisalsTable {
  id: Generated<string>
  application_id: string
  formed_at: Date
  formed_by: string | null
  /** The day the team must have met by ('YYYY-MM-DD' in, Date out). */
  due_on: ColumnType<Date, string, string>
  met_on: ColumnType<Date | null, string | null | undefined, string | null>
  /** Khoán chi toàn phần (full) or từng phần (partial). */
  method: LumpSumMethod | null
  notes: Generated<string>
  recorded_at: Date | null
  recorded_by: string | null
}
export type AppraisalRole = 'leader' | 'member'
export interface AppraisalMembersTable {
  appraisal_id: string
  seat: number
  full_name: string
  position: Generated<string>
  role: AppraisalRole
  present: boolean | null
}
export interface AppraisalAmountsTable {
  appraisal_id: string
  category: string
  requested: ColumnType<number, number, number>
  appraised: ColumnType<number, number, number>
}

export type ContractStatus = 'draft' | 'proposed' | 'signed' | 'liquidated' | 'terminated'

/** What a contract says beyond its figures (hợp đồng thực hiện nhiệm vụ); app/modules/contracts owns its shape. */
export type ContractTerms = Record<string, unknown>

/** The contract of a funded task: one per approved application (migration 0023). */
export interface ContractsTable {
  id: Generated<string>
  application_id: string
  modality: Modality
  status: ColumnType<ContractStatus, ContractStatus | undefined, ContractStatus>
  /** The Fund's amount (grant, support, loan principal or guaranteed amount), đồng. */
  fund_amount: number
  counterpart_amount: ColumnType<number, number | undefined, number>
  /** 'YYYY-MM-DD' in, Date out, as every date column. */
  starts_on: ColumnType<Date, string, string>
  ends_on: ColumnType<Date, string, string>
  lump_sum: LumpSumMethod | null
  report_every_months: ColumnType<number, number | undefined, number>
  terms: ColumnType<ContractTerms, ContractTerms | undefined, ContractTerms>
  version: Generated<number>
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Timestamp
  signed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  /** Sent to the grantee to read and accept (migration 0024). */
  proposed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  proposed_by: ColumnType<string | null, string | null | undefined, string | null>
  /** The grantee's legal representative accepted it in the portal: who, as what, when, from where, and the text's SHA-256. */
  accepted_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  accepted_by: ColumnType<string | null, string | null | undefined, string | null>
  accepted_name: ColumnType<string | null, string | null | undefined, string | null>
  accepted_position: ColumnType<string | null, string | null | undefined, string | null>
  accepted_ip: ColumnType<string | null, string | null | undefined, string | null>
  accepted_sha256: ColumnType<string | null, string | null | undefined, string | null>
  /** The signed contract (numbered "HĐ"). */
  document_id: ColumnType<string | null, string | null | undefined, string | null>
}

export type ContractChangeKind = 'extension' | 'budget_move' | 'investigator' | 'host' | 'suspension' | 'termination'
export type ContractChangeState = 'requested' | 'approved' | 'rejected' | 'decided' | 'amended' | 'withdrawn'

/** A change the grantee asks for, the director's decision on it and its decision document (migration 0024). */
export interface ContractChangesTable {
  id: Generated<string>
  contract_id: string
  kind: ContractChangeKind
  reasons: string
  /** What is asked: the new end date, the budget moves, the new investigator or host, the suspension's end. */
  details: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>
  state: ColumnType<ContractChangeState, ContractChangeState | undefined, ContractChangeState>
  requested_by: string | null
  requested_at: Generated<Date>
  decided_by: ColumnType<string | null, string | null | undefined, string | null>
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  decision_note: ColumnType<string, string | undefined, string>
  decision_document_id: ColumnType<string | null, string | null | undefined, string | null>
}

export type AmendmentStatus = 'proposed' | 'accepted' | 'signed'

/** An amendment (phụ lục hợp đồng) an approved change becomes (migration 0024). */
export interface ContractAmendmentsTable {
  id: Generated<string>
  contract_id: string
  change_id: string
  seq: number
  status: ColumnType<AmendmentStatus, AmendmentStatus | undefined, AmendmentStatus>
  changes: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>
  created_at: Generated<Date>
  accepted_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  accepted_by: ColumnType<string | null, string | null | undefined, string | null>
  accepted_name: ColumnType<string | null, string | null | undefined, string | null>
  accepted_position: ColumnType<string | null, string | null | undefined, string | null>
  signed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  document_id: ColumnType<string | null, string | null | undefined, string | null>
}

export type TrancheKind = 'advance' | 'interim' | 'final'
export type TrancheCondition = 'none' | 'report_accepted' | 'product_delivered' | 'acceptance'

/** A payment (or, for a loan, a disbursement) the contract schedules, with the condition it waits for. */
export interface ContractTranchesTable {
  id: Generated<string>
  contract_id: string
  seq: number
  kind: TrancheKind
  amount: number
  due_on: ColumnType<Date | null, string | null | undefined, string | null>
  condition: ColumnType<TrancheCondition, TrancheCondition | undefined, TrancheCondition>
  condition_note: ColumnType<string, string | undefined, string>
}

export type PaymentStatus = 'requested' | 'checked' | 'approved' | 'paid' | 'failed' | 'returned'

/** A request for a tranche's payment (migration 0025): asked, checked by the office, approved, paid or failed. */
export interface PaymentRequestsTable {
  id: Generated<string>
  contract_id: string
  tranche_id: string
  status: ColumnType<PaymentStatus, PaymentStatus | undefined, PaymentStatus>
  amount: number
  evidence: string
  requested_by: string | null
  requested_at: Generated<Date>
  checked_by: ColumnType<string | null, string | null | undefined, string | null>
  checked_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  check_note: ColumnType<string, string | undefined, string>
  condition_met: ColumnType<boolean | null, boolean | null | undefined, boolean | null>
  approved_by: ColumnType<string | null, string | null | undefined, string | null>
  approved_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  paid_on: ColumnType<Date | null, string | null | undefined, string | null>
  paid_amount: ColumnType<number | null, number | null | undefined, number | null>
  transfer_ref: ColumnType<string | null, string | null | undefined, string | null>
  recorded_by: ColumnType<string | null, string | null | undefined, string | null>
  failed_reason: ColumnType<string | null, string | null | undefined, string | null>
  returned_reason: ColumnType<string | null, string | null | undefined, string | null>
  version: Generated<number>
  updated_at: Generated<Date>
}

/** One step of a payment request, with its actor (append-only). */
export interface PaymentEventsTable {
  id: Generated<number>
  request_id: string
  from_status: PaymentStatus | null
  to_status: PaymentStatus
  actor_id: string | null
  note: ColumnType<string, string | undefined, string>
  at: Generated<Date>
}

export type SettlementStatus = 'submitted' | 'accepted' | 'returned'
export interface SettlementLine {
  category: string
  planned: number
  spent: number
}

/** Quyết toán: the grantee's spending by budget category; the office accepts it or returns it. */
export interface SettlementsTable {
  id: Generated<string>
  contract_id: string
  status: ColumnType<SettlementStatus, SettlementStatus | undefined, SettlementStatus>
  lines: ColumnType<SettlementLine[], string, string>
  spent_total: number
  note: ColumnType<string, string | undefined, string>
  submitted_by: string | null
  submitted_at: Generated<Date>
  decided_by: ColumnType<string | null, string | null | undefined, string | null>
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  decision_note: ColumnType<string, string | undefined, string>
  version: Generated<number>
}

export type RecoveryKind = 'refund' | 'recovery'
/** Money owed back to the Fund. */
export interface RecoveriesTable {
  id: Generated<string>
  contract_id: string
  kind: RecoveryKind
  amount: number
  reason: string
  due_on: ColumnType<Date | null, string | null | undefined, string | null>
  created_by: string | null
  created_at: Generated<Date>
}

/** A repayment received against a recovery. */
export interface RecoveryReceiptsTable {
  id: Generated<string>
  recovery_id: string
  amount: number
  received_on: ColumnType<Date, string, string>
  transfer_ref: string
  recorded_by: string | null
  recorded_at: Generated<Date>
}

export type ReportStatus = 'due' | 'submitted' | 'changes_requested' | 'accepted'
export type ReportOutcome = 'accepted' | 'changes_requested'

/** A periodic progress report the contract schedules (migration 0026); `version` counts the versions submitted. */
export interface ProgressReportsTable {
  id: Generated<string>
  contract_id: string
  seq: number
  period_from: ColumnType<Date, string, string>
  period_to: ColumnType<Date, string, string>
  due_on: ColumnType<Date, string, string>
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>
  version: ColumnType<number, number | undefined, number>
  first_submitted_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  accepted_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  late_notified_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  very_late_notified_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  created_at: Generated<Date>
}

/** One submitted version of a report, and the office's answer to it. */
export interface ProgressReportVersionsTable {
  id: Generated<string>
  report_id: string
  version: number
  work_done: string
  problems: ColumnType<string, string | undefined, string>
  next_steps: ColumnType<string, string | undefined, string>
  submitted_by: string | null
  submitted_at: Timestamp
  outcome: ColumnType<ReportOutcome | null, ReportOutcome | null | undefined, ReportOutcome | null>
  review_note: ColumnType<string, string | undefined, string>
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>
  reviewed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

/** A product a report attaches (sản phẩm); `version_id` is null until the version that carries it is submitted. */
export interface ProgressReportProductsTable {
  id: Generated<string>
  report_id: string
  version_id: ColumnType<string | null, string | null | undefined, string | null>
  title: string
  description: ColumnType<string, string | undefined, string>
  filename: string | null
  storage_key: string | null
  sha256: string | null
  size_bytes: number | null
  media_type: string | null
  added_by: string | null
  added_at: Generated<Date>
  /** What the product is evidence of (migration 0032): the resolution's targets count the kinds but `other`. */
  kind: ColumnType<ProductKind, ProductKind | undefined, ProductKind>
  ip_type: IpType | null
  doc_number: string | null
  doc_date: ColumnType<Date | null, string | null | undefined, string | null>
}

export type ProductKind = 'other' | 'ip_filing' | 'ip_protection' | 'ocop_ip' | 'st_enterprise'
export type IpType = 'patent' | 'utility_solution' | 'industrial_design' | 'trademark' | 'geographical_indication' | 'plant_variety' | 'layout_design' | 'copyright'

export type InspectionAssessment = 'on_track' | 'behind' | 'at_risk'

/** An inspection of a funded task (kiểm tra định kỳ) as the office records it. */
export interface InspectionsTable {
  id: Generated<string>
  contract_id: string
  inspected_on: ColumnType<Date, string, string>
  inspectors: string
  findings: string
  assessment: InspectionAssessment
  recorded_by: string | null
  recorded_at: Generated<Date>
}

export type LiquidationStatus = 'draft' | 'sent' | 'signed'
export type FailureCause = 'objective' | 'subjective'
/** Thanh lý hợp đồng: the contract's final figures and its signed record. */
export interface LiquidationsTable {
  id: Generated<string>
  contract_id: string
  outcome: 'completed' | 'failed'
  status: ColumnType<LiquidationStatus, LiquidationStatus | undefined, LiquidationStatus>
  paid_total: number
  spent_accepted: number
  cause: FailureCause | null
  /** numeric(5,2), read as text by the drivers. */
  unused_pct: ColumnType<string, string | number | undefined, string | number>
  spent_pct: ColumnType<string, string | number | undefined, string | number>
  recover_amount: ColumnType<number, number | undefined, number>
  recovery_id: ColumnType<string | null, string | null | undefined, string | null>
  note: ColumnType<string, string | undefined, string>
  signature_request_id: ColumnType<string | null, string | null | undefined, string | null>
  document_id: ColumnType<string | null, string | null | undefined, string | null>
  created_by: string | null
  created_at: Generated<Date>
  signed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

/** An acceptance rating (Xuất sắc / Đạt / Không đạt): a member's vote, the council's rating, a self-assessment. */
export type AcceptanceRating = 'excellent' | 'pass' | 'fail'

/** The grantee's final results dossier (hồ sơ đánh giá, nghiệm thu), submitted once, finalised after the council. */
export interface ResultsDossiersTable {
  application_id: string
  contract_id: string
  summary: ColumnType<string, string | undefined, string>
  products: ColumnType<string, string | undefined, string>
  self_rating: AcceptanceRating | null
  self_assessment: ColumnType<string, string | undefined, string>
  spending_report: ColumnType<string, string | undefined, string>
  /** What the grantee reports spent of the Fund's money, đồng. */
  spent_amount: ColumnType<number | null, number | null | undefined, number | null>
  version: Generated<number>
  updated_at: Generated<Date>
  updated_by: string | null
  submitted_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  submitted_by: ColumnType<string | null, string | null | undefined, string | null>
  /** The last day to finalise the dossier after the council ('YYYY-MM-DD' in). */
  finalise_due_on: ColumnType<Date | null, string | null | undefined, string | null>
  finalisation_note: ColumnType<string, string | undefined, string>
  finalised_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  finalised_by: ColumnType<string | null, string | null | undefined, string | null>
}

export type AcceptanceCouncilStatus = 'forming' | 'formed' | 'concluded'
export type AcceptanceRole = 'chair' | 'vice_chair' | 'secretary' | 'opponent' | 'member'

/** The council that accepts one funded task (hội đồng nghiệm thu). */
export interface AcceptanceCouncilsTable {
  id: Generated<string>
  application_id: string
  status: ColumnType<AcceptanceCouncilStatus, AcceptanceCouncilStatus | undefined, AcceptanceCouncilStatus>
  meeting_on: ColumnType<Date | null, string | null | undefined, string | null>
  location: ColumnType<string, string | undefined, string>
  rating: ColumnType<AcceptanceRating | null, AcceptanceRating | null | undefined, AcceptanceRating | null>
  conclusions: ColumnType<string, string | undefined, string>
  /** The count of each rating when it concluded: { excellent, pass, fail, voters, members }. */
  votes: ColumnType<Record<string, number>, Record<string, number> | undefined, Record<string, number>>
  version: Generated<number>
  created_by: string | null
  created_at: Generated<Date>
  formed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  concluded_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  concluded_by: ColumnType<string | null, string | null | undefined, string | null>
}

export interface AcceptanceMembersTable {
  council_id: string
  user_id: string
  role: AcceptanceRole
  conflict: ColumnType<ConflictState, ConflictState | undefined, ConflictState>
  conflict_reason: ColumnType<string | null, string | null | undefined, string | null>
  declared_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  vote: ColumnType<AcceptanceRating | null, AcceptanceRating | null | undefined, AcceptanceRating | null>
  comment: ColumnType<string, string | undefined, string>
  voted_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  added_at: Generated<Date>
}

export type LoanRepaymentMethod = 'equal_principal' | 'annuity'
export type LoanStatus = 'active' | 'repaid'

/** A preferential loan, recorded at its disbursement (migration 0031, ADR 026). */
export interface LoansTable {
  id: Generated<string>
  contract_id: string
  /** The amount disbursed, đồng. */
  principal: number
  /** The yearly rate in hundredths of a percent (350 = 3,50 %). */
  rate_bp: number
  term_months: number
  every_months: number
  method: LoanRepaymentMethod
  disbursed_on: ColumnType<Date, string, string>
  disbursement_reference: string
  status: ColumnType<LoanStatus, LoanStatus | undefined, LoanStatus>
  repaid_on: ColumnType<Date | null, string | null | undefined, string | null>
  version: Generated<number>
  recorded_by: string | null
  created_at: Generated<Date>
  updated_at: Timestamp
}

/** One instalment of a loan's schedule, and how much of it has been paid. */
export interface LoanInstalmentsTable {
  id: Generated<string>
  loan_id: string
  seq: number
  due_on: ColumnType<Date, string, string>
  months: number
  principal: number
  interest: number
  paid_principal: Generated<number>
  paid_interest: Generated<number>
  reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  overdue_notified_on: ColumnType<Date | null, string | null | undefined, string | null>
}

export type LoanRepaymentKind = 'scheduled' | 'early'

/** A repayment received, split into principal and interest. */
export interface LoanRepaymentsTable {
  id: Generated<string>
  loan_id: string
  kind: LoanRepaymentKind
  paid_on: ColumnType<Date, string, string>
  amount: number
  principal: number
  interest: number
  reference: string
  note: ColumnType<string, string | undefined, string>
  recorded_by: string | null
  created_at: Generated<Date>
}

/** What one repayment paid on one instalment. */
export interface LoanRepaymentPartsTable {
  repayment_id: string
  instalment_id: string
  principal: number
  interest: number
}

/** What an inspection asks the grantee to do, and when it was done. */
export interface InspectionFollowUpsTable {
  id: Generated<string>
  inspection_id: string
  action: string
  due_on: ColumnType<Date | null, string | null | undefined, string | null>
  done_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  done_note: ColumnType<string, string | undefined, string>
  done_by: ColumnType<string | null, string | null | undefined, string | null>
}
