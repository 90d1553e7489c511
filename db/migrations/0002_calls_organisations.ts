import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Calls get their full rules (eligibility questions, required documents, rubric); organisations and their
// members arrive; the province's communes and wards and the default rubrics are reference data.

// Đắk Lắk since 1 July 2025 (with former Phú Yên, no district level): 14 wards (phường) and 88 communes (xã),
// per Resolution 1660/NQ-UBTVQH15. [code, kind, name]
const WARDS: [string, 'phuong' | 'xa', string][] = [
  ['001', 'phuong', "Buôn Ma Thuột"],
  ['002', 'phuong', "Tân An"],
  ['003', 'phuong', "Tân Lập"],
  ['004', 'phuong', "Thành Nhất"],
  ['005', 'phuong', "Ea Kao"],
  ['006', 'xa', "Hòa Phú"],
  ['007', 'phuong', "Buôn Hồ"],
  ['008', 'phuong', "Cư Bao"],
  ['009', 'xa', "Ea Drông"],
  ['010', 'xa', "Ea Súp"],
  ['011', 'xa', "Ea Rốk"],
  ['012', 'xa', "Ea Bung"],
  ['013', 'xa', "Ia Rvê"],
  ['014', 'xa', "Ia Lốp"],
  ['015', 'xa', "Ea Wer"],
  ['016', 'xa', "Ea Nuôl"],
  ['017', 'xa', "Buôn Đôn"],
  ['018', 'xa', "Ea Kiết"],
  ['019', 'xa', "Ea M'Droh"],
  ['020', 'xa', "Quảng Phú"],
  ['021', 'xa', "Cuôr Đăng"],
  ['022', 'xa', "Cư M'gar"],
  ['023', 'xa', "Ea Tul"],
  ['024', 'xa', "Pơng Drang"],
  ['025', 'xa', "Krông Búk"],
  ['026', 'xa', "Cư Pơng"],
  ['027', 'xa', "Ea Khăl"],
  ['028', 'xa', "Ea Drăng"],
  ['029', 'xa', "Ea Wy"],
  ['030', 'xa', "Ea H'Leo"],
  ['031', 'xa', "Ea Hiao"],
  ['032', 'xa', "Krông Năng"],
  ['033', 'xa', "Dliê Ya"],
  ['034', 'xa', "Tam Giang"],
  ['035', 'xa', "Phú Xuân"],
  ['036', 'xa', "Krông Pắc"],
  ['037', 'xa', "Ea Knuếc"],
  ['038', 'xa', "Tân Tiến"],
  ['039', 'xa', "Ea Phê"],
  ['040', 'xa', "Ea Kly"],
  ['041', 'xa', "Vụ Bổn"],
  ['042', 'xa', "Ea Kar"],
  ['043', 'xa', "Ea Ô"],
  ['044', 'xa', "Ea Knốp"],
  ['045', 'xa', "Cư Yang"],
  ['046', 'xa', "Ea Păl"],
  ['047', 'xa', "M'Drắk"],
  ['048', 'xa', "Ea Riêng"],
  ['049', 'xa', "Cư M'ta"],
  ['050', 'xa', "Krông Á"],
  ['051', 'xa', "Cư Prao"],
  ['052', 'xa', "Ea Trang"],
  ['053', 'xa', "Hòa Sơn"],
  ['054', 'xa', "Dang Kang"],
  ['055', 'xa', "Krông Bông"],
  ['056', 'xa', "Yang Mao"],
  ['057', 'xa', "Cư Pui"],
  ['058', 'xa', "Liên Sơn Lắk"],
  ['059', 'xa', "Đắk Liêng"],
  ['060', 'xa', "Nam Ka"],
  ['061', 'xa', "Đắk Phơi"],
  ['062', 'xa', "Krông Nô"],
  ['063', 'xa', "Ea Ning"],
  ['064', 'xa', "Dray Bhăng"],
  ['065', 'xa', "Ea Ktur"],
  ['066', 'xa', "Krông Ana"],
  ['067', 'xa', "Dur Kmăl"],
  ['068', 'xa', "Ea Na"],
  ['069', 'phuong', "Tuy Hòa"],
  ['070', 'phuong', "Phú Yên"],
  ['071', 'phuong', "Bình Kiến"],
  ['072', 'phuong', "Xuân Đài"],
  ['073', 'phuong', "Sông Cầu"],
  ['074', 'xa', "Xuân Thọ"],
  ['075', 'xa', "Xuân Cảnh"],
  ['076', 'xa', "Xuân Lộc"],
  ['077', 'phuong', "Đông Hòa"],
  ['078', 'phuong', "Hòa Hiệp"],
  ['079', 'xa', "Hòa Xuân"],
  ['080', 'xa', "Tuy An Bắc"],
  ['081', 'xa', "Tuy An Đông"],
  ['082', 'xa', "Ô Loan"],
  ['083', 'xa', "Tuy An Nam"],
  ['084', 'xa', "Tuy An Tây"],
  ['085', 'xa', "Phú Hòa 1"],
  ['086', 'xa', "Phú Hòa 2"],
  ['087', 'xa', "Hòa Thịnh"],
  ['088', 'xa', "Hòa Mỹ"],
  ['089', 'xa', "Tây Hòa"],
  ['090', 'xa', "Sơn Thành"],
  ['091', 'xa', "Sơn Hòa"],
  ['092', 'xa', "Vân Hòa"],
  ['093', 'xa', "Tây Sơn"],
  ['094', 'xa', "Suối Trai"],
  ['095', 'xa', "Ea Ly"],
  ['096', 'xa', "Ea Bá"],
  ['097', 'xa', "Đức Bình"],
  ['098', 'xa', "Sông Hinh"],
  ['099', 'xa', "Xuân Lãnh"],
  ['100', 'xa', "Phú Mỡ"],
  ['101', 'xa', "Xuân Phước"],
  ['102', 'xa', "Đồng Xuân"],
]

// The default scoring rubrics (Circular 36/2025/TT-BKHCN practice), max 100 each. [code, vi, en, criteria]
const RUBRICS: [string, string, string, [string, string, number][]][] = [
  [
    'applied_research',
    'Nhiệm vụ nghiên cứu ứng dụng, phát triển công nghệ',
    'Applied research and technology development',
    [
      ['Tổng quan tình hình nghiên cứu, tính cấp thiết', 'State of the art and necessity', 12],
      ['Nội dung, phương pháp nghiên cứu và nhân lực', 'Content, methods and staffing', 24],
      ['Sản phẩm của nhiệm vụ', 'Products of the task', 16],
      ['Khả năng ứng dụng, chuyển giao kết quả', 'Applicability and transfer of results', 16],
      ['Tính khả thi của kế hoạch và kinh phí', 'Feasibility of the plan and budget', 16],
      ['Năng lực của tổ chức và cá nhân thực hiện', 'Capacity of the organisation and team', 16],
    ],
  ],
  [
    'social_science',
    'Nhiệm vụ khoa học xã hội và nhân văn, đề án',
    'Social sciences and humanities tasks, schemes',
    [
      ['Tổng quan tình hình nghiên cứu', 'Review of existing research', 12],
      ['Nội dung nghiên cứu', 'Research content', 12],
      ['Cách tiếp cận và phương pháp', 'Approach and methods', 12],
      ['Tính khả thi', 'Feasibility', 20],
      ['Sản phẩm, lợi ích và khả năng chuyển giao', 'Products, benefits and transfer', 24],
      ['Năng lực thực hiện', 'Capacity to carry out', 20],
    ],
  ],
  [
    'project',
    'Dự án sản xuất thử nghiệm',
    'Pilot production projects',
    [
      ['Công nghệ và thị trường', 'Technology and market', 8],
      ['Nội dung và kế hoạch triển khai', 'Content and implementation plan', 20],
      ['Tính mới và tính khả thi', 'Novelty and feasibility', 12],
      ['Hiệu quả kinh tế - xã hội', 'Socio-economic impact', 12],
      ['Sản phẩm của dự án', 'Products of the project', 16],
      ['Phương án tài chính', 'Financial plan', 16],
      ['Năng lực thực hiện', 'Capacity to carry out', 16],
    ],
  ],
]

const statements = [
  `CREATE TABLE wards (
    code text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('phuong', 'xa')),
    name text NOT NULL,
    active boolean NOT NULL DEFAULT true
  )`,
  `CREATE TABLE rubrics (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE,
    name_vi text NOT NULL,
    name_en text NOT NULL
  )`,
  `CREATE TABLE rubric_criteria (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rubric_id integer NOT NULL REFERENCES rubrics (id) ON DELETE CASCADE,
    position integer NOT NULL,
    name_vi text NOT NULL,
    name_en text NOT NULL,
    max_points integer NOT NULL CHECK (max_points > 0),
    UNIQUE (rubric_id, position)
  )`,
  `ALTER TABLE calls
    ADD COLUMN description_vi text NOT NULL DEFAULT '',
    ADD COLUMN description_en text NOT NULL DEFAULT '',
    ADD COLUMN eligible_types text[] NOT NULL DEFAULT '{}',
    ADD COLUMN eligibility_questions jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN rubric_id integer REFERENCES rubrics (id),
    ADD COLUMN published_at timestamptz,
    ADD COLUMN closed_at timestamptz,
    ADD COLUMN created_by uuid REFERENCES users (id) ON DELETE SET NULL`,
  `CREATE TABLE call_documents (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position integer NOT NULL,
    name_vi text NOT NULL,
    name_en text NOT NULL,
    mandatory boolean NOT NULL DEFAULT true,
    accepted_types text[] NOT NULL DEFAULT '{pdf}',
    max_size_mb integer NOT NULL DEFAULT 10 CHECK (max_size_mb BETWEEN 1 AND 100),
    UNIQUE (call_id, position)
  )`,
  `CREATE TABLE organisations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    type text NOT NULL CHECK (type IN ('enterprise', 'st_organisation', 'university', 'cooperative', 'household', 'individual')),
    name text NOT NULL,
    identifier text NOT NULL,
    identifier_kind text NOT NULL CHECK (identifier_kind IN ('tax_code', 'citizen_id')),
    address_line text NOT NULL,
    ward_code text NOT NULL REFERENCES wards (code),
    legal_rep_name text NOT NULL,
    legal_rep_title text NOT NULL,
    phone text NOT NULL,
    email text NOT NULL,
    website text,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX organisations_identifier_key ON organisations (identifier)`,
  `CREATE TABLE organisation_members (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, user_id)
  )`,
  `CREATE INDEX organisation_members_user_idx ON organisation_members (user_id)`,
  `CREATE TABLE organisation_invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    email text NOT NULL,
    role text NOT NULL CHECK (role IN ('editor', 'viewer')),
    token_hash text NOT NULL UNIQUE,
    invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    accepted_at timestamptz
  )`,
  `CREATE INDEX organisation_invitations_org_idx ON organisation_invitations (organisation_id)`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
  await db
    .insertInto('wards')
    .values(WARDS.map(([code, kind, name]) => ({ code, kind, name })))
    .execute()
  for (const [code, nameVi, nameEn, criteria] of RUBRICS) {
    const { id } = await db.insertInto('rubrics').values({ code, name_vi: nameVi, name_en: nameEn }).returning('id').executeTakeFirstOrThrow()
    await db
      .insertInto('rubric_criteria')
      .values(criteria.map(([vi, en, max], i) => ({ rubric_id: id, position: i + 1, name_vi: vi, name_en: en, max_points: max })))
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['organisation_invitations', 'organisation_members', 'organisations', 'call_documents']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db)
  }
  await sql`ALTER TABLE calls DROP COLUMN description_vi, DROP COLUMN description_en, DROP COLUMN eligible_types,
    DROP COLUMN eligibility_questions, DROP COLUMN rubric_id, DROP COLUMN published_at, DROP COLUMN closed_at,
    DROP COLUMN created_by`.execute(db)
  for (const table of ['rubric_criteria', 'rubrics', 'wards']) await sql`DROP TABLE ${sql.table(table)}`.execute(db)
}
