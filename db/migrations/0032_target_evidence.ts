import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// The evidence of the resolution's targets (issue 14, ADR 024 addendum): a product a progress report attaches
// says what kind of result it is — an IP filing (đơn đăng ký sở hữu trí tuệ), an IP protection title granted
// (văn bằng bảo hộ), an OCOP product whose IP is protected, the certificate of an S&T enterprise (giấy chứng nhận
// doanh nghiệp khoa học và công nghệ), or anything else. For the IP kinds the type of IP, and for every kind but
// `other` the number and date of the document, so the same certificate reported twice is counted once.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE progress_report_products
    ADD COLUMN kind text NOT NULL DEFAULT 'other' CHECK (kind IN ('other', 'ip_filing', 'ip_protection', 'ocop_ip', 'st_enterprise')),
    ADD COLUMN ip_type text CHECK (ip_type IN ('patent', 'utility_solution', 'industrial_design', 'trademark', 'geographical_indication', 'plant_variety', 'layout_design', 'copyright')),
    ADD COLUMN doc_number text CHECK (length(doc_number) BETWEEN 1 AND 100),
    ADD COLUMN doc_date date,
    ADD CONSTRAINT progress_report_products_evidence CHECK (
      (kind = 'other' AND ip_type IS NULL AND doc_number IS NULL AND doc_date IS NULL)
      OR (kind = 'st_enterprise' AND ip_type IS NULL AND doc_number IS NOT NULL AND doc_date IS NOT NULL)
      OR (kind IN ('ip_filing', 'ip_protection', 'ocop_ip') AND ip_type IS NOT NULL AND doc_number IS NOT NULL AND doc_date IS NOT NULL)
    )`.execute(db)
  await sql`CREATE INDEX progress_report_products_kind ON progress_report_products (kind) WHERE kind <> 'other'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX progress_report_products_kind`.execute(db)
  await sql`ALTER TABLE progress_report_products
    DROP CONSTRAINT progress_report_products_evidence,
    DROP COLUMN doc_date,
    DROP COLUMN doc_number,
    DROP COLUMN ip_type,
    DROP COLUMN kind`.execute(db)
}
