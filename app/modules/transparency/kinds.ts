// The fixed lists of the transparency pages, browser-safe (no imports): the routes' components read them here.

export const FUNNEL = ['started', 'submitted', 'eligible', 'reviewed', 'recommended', 'approved', 'contracted'] as const
export type FunnelStage = (typeof FUNNEL)[number]
export const CLOCKS = ['screening', 'council', 'decision'] as const
export type ClockKind = (typeof CLOCKS)[number]
export const DATASETS = ['applications', 'scores', 'decisions', 'payments', 'reports'] as const
export type Dataset = (typeof DATASETS)[number]
/** The staff page whose list (and filters) each dataset exports: the inbox serves three. */
export const DATASET_PAGE = { applications: 'applications', scores: 'applications', decisions: 'applications', payments: 'payments', reports: 'reports' } as const satisfies Record<Dataset, string>
export type ExportPage = (typeof DATASET_PAGE)[Dataset]
export const FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof FORMATS)[number]
/** Above this many rows an export runs in the background (a request should never work for long). */
export const INLINE_MAX_ROWS = 500
export const COMPUTATIONS = ['manual', 'counterpart_vs_state', 'ip_filings', 'ocop_ip_products', 'new_st_enterprises'] as const
