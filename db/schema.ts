import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type CreatedAt = ColumnType<Date, never, never>
// Both drivers serialise objects bound to jsonb parameters themselves: pass objects, never JSON strings.
type Json = ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>

export type Role = 'applicant' | 'reviewer' | 'staff' | 'director' | 'admin'
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
}

export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type Call = Selectable<CallsTable>
export type OutboxMessage = Selectable<EmailOutboxTable>
export type AuditEntry = Selectable<AuditLogTable>
export type FundSettings = Selectable<FundSettingsTable>
