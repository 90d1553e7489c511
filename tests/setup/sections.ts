// Plain data (no test runner): the tests' and the benchmark's complete dossier.

/** Answers that complete every section of a draft within the default test call's rules. */
export const COMPLETE_SECTIONS = {
  general: { title: 'Sấy cà phê bằng năng lượng mặt trời', priority_field: 'renewable_energy', duration_months: '18', summary: 'Tóm tắt nội dung.' },
  team: {
    pi_name: 'Nguyễn Văn An', pi_qualification: 'Tiến sĩ Cơ khí', pi_email: 'an@caphe.vn',
    secretary_name: 'Trần Thị Bình', secretary_qualification: 'Thạc sĩ', secretary_email: 'binh@caphe.vn',
    m1_name: 'Lê Văn Cường', m1_role: 'Kỹ thuật viên',
  },
  proposal: {
    necessity: 'Cần thiết.', objectives: 'Mục tiêu.', content_methods: 'Nội dung.', products: 'Máy sấy.', applicability: 'Chuyển giao cho HTX.',
    ms1_title: 'Thiết kế', ms1_due: '31/12/2027',
  },
  budget: { labour_requested: '500.000.000', labour_own: '300.000.000', equipment_contribution: '200.000.000' },
  declarations: { truthful: 'on', consent: 'on' },
} as const
