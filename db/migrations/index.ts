import type { Migration } from 'kysely/migration'
import * as m0001 from './0001_foundation'
import * as m0002 from './0002_calls_organisations'
import * as m0003 from './0003_applications'
import * as m0004 from './0004_outbox_attachments'
import * as m0005 from './0005_workflow_screening'
import * as m0006 from './0006_councils_reviews'
import * as m0007 from './0007_register_settings'
import * as m0008 from './0008_jobs'
import * as m0009 from './0009_council_documents'
import * as m0010 from './0010_call_without_council'
import * as m0011 from './0011_council_names'
import * as m0013 from './0013_clean_attachment_names'
import * as m0015 from './0015_revision_appraisal'
import * as m0020 from './0020_signing'
import * as m0021 from './0021_document_contents'
import * as m0022 from './0022_sign_more_documents'
import * as m0023 from './0023_contracts'
import * as m0024 from './0024_contract_signing_changes'
import * as m0025 from './0025_payments'
import * as m0026 from './0026_progress_reports'
import * as m0027 from './0027_acceptance'
import * as m0029 from './0029_transparency'
import * as m0031 from './0031_loans'
import * as m0032 from './0032_target_evidence'
import * as m0033 from './0033_report_schedules'

/** The static list of migrations, in order. A bundler cannot see a folder, so each is named here. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_calls_organisations': m0002,
  '0003_applications': m0003,
  '0004_outbox_attachments': m0004,
  '0005_workflow_screening': m0005,
  '0006_councils_reviews': m0006,
  '0007_register_settings': m0007,
  '0008_jobs': m0008,
  '0009_council_documents': m0009,
  '0010_call_without_council': m0010,
  '0011_council_names': m0011,
  '0013_clean_attachment_names': m0013,
  '0015_revision_appraisal': m0015,
  '0020_signing': m0020,
  '0021_document_contents': m0021,
  '0022_sign_more_documents': m0022,
  '0023_contracts': m0023,
  '0024_contract_signing_changes': m0024,
  '0025_payments': m0025,
  '0026_progress_reports': m0026,
  '0027_acceptance': m0027,
  '0029_transparency': m0029,
  '0031_loans': m0031,
  '0032_target_evidence': m0032,
  '0033_report_schedules': m0033,
}
