import { z } from 'zod'

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1')

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)

/** Every variable the portal reads. `.env.example` lists the same, with the defaults. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: z.url({ message: 'APP_URL must be an absolute URL such as https://quy.daklak.gov.vn' }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
    DATA_DIR: z.string().min(1).default('data'),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Quỹ Phát triển KH&CN tỉnh Đắk Lắk <no-reply@quykhcn.daklak.gov.vn>'),
    OUTBOX_POLL_MS: positiveInt(1000),
    OUTBOX_MAX_ATTEMPTS: positiveInt(10),
    OUTBOX_BACKOFF_BASE_MS: positiveInt(5000),
    /**
     * How long an instance's claim on a batch of mail lasts: a message whose sender died mid-send is taken by
     * another instance once it runs out. Long enough to draw the attachments and talk to the SMTP server.
     */
    OUTBOX_LEASE_SECONDS: z.coerce
      .number({ message: 'OUTBOX_LEASE_SECONDS must be a whole number of seconds' })
      .int('OUTBOX_LEASE_SECONDS must be a whole number of seconds')
      .min(10, 'OUTBOX_LEASE_SECONDS must be at least 10 (seconds): a shorter lease runs out while a batch is being sent')
      .max(86_400, 'OUTBOX_LEASE_SECONDS must be at most 86400 (a day)')
      .default(120),
    /**
     * Background jobs (issuing a call's decisions, large exports): how long a worker's claim on a job lasts without
     * being renewed (it is renewed after each item), after which another instance takes the job over; and how often
     * each instance looks for jobs. The lease must outlast the slowest single item (one decision signed and stored).
     */
    JOBS_LEASE_SECONDS: z.coerce
      .number({ message: 'JOBS_LEASE_SECONDS must be a whole number of seconds' })
      .int('JOBS_LEASE_SECONDS must be a whole number of seconds')
      .min(2, 'JOBS_LEASE_SECONDS must be at least 2 (seconds): a shorter lease runs out while an item is being issued')
      .max(86_400, 'JOBS_LEASE_SECONDS must be at most 86400 (a day)')
      .default(120),
    JOBS_POLL_MS: z.coerce
      .number({ message: 'JOBS_POLL_MS must be a whole number of milliseconds' })
      .int('JOBS_POLL_MS must be a whole number of milliseconds')
      .min(100, 'JOBS_POLL_MS must be at least 100 (milliseconds)')
      .default(2000),
    /** How often the reminder rounds (reviewers', reports', loans') run; unset: each its own (15 min, 1 h, 1 h). */
    REMINDERS_EVERY_MS: z.coerce.number().int().positive().optional(),
    TRUST_PROXY: bool,
    SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
    DEMO_PASSWORD: z.string().min(10).default('DakLak-Demo-2026'),
    RATE_LIMIT_LOGIN: positiveInt(10),
    RATE_LIMIT_LOGIN_ACCOUNT: positiveInt(10),
    RATE_LIMIT_REGISTER: positiveInt(10),
    RATE_LIMIT_RESET: positiveInt(5),
    RATE_LIMIT_WINDOW_MINUTES: positiveInt(15),
    PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(14).max(20).default(15),
    /** The Fund's signing key (PKCS#12) and its passphrase; default the demo's under $DATA_DIR/keys (ADR 017). */
    FUND_SIGNING_P12: z.string().min(1).optional(),
    FUND_SIGNING_PASSPHRASE: z.string().optional(),
    /** Keys kept on the server for signers (<email>.p12) and their passphrase; default the demo's. */
    SIGNER_KEYS_DIR: z.string().min(1).optional(),
    SIGNER_KEYS_PASSPHRASE: z.string().optional(),
    /** Where uploads and issued documents live: `local` ($DATA_DIR/uploads) or `s3` (an S3-compatible bucket, ADR 023). */
    FILE_STORAGE: z.enum(['local', 's3']).default('local'),
    S3_BUCKET: z.string().min(3).optional(),
    /** The S3-compatible server's URL (MinIO, Ceph, a provider's); unset: AWS S3 of S3_REGION. */
    S3_ENDPOINT: z.url({ message: 'S3_ENDPOINT must be an absolute URL such as https://s3.example.vn' }).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Bucket in the path (https://host/bucket/key) rather than the host name; default on when S3_ENDPOINT is set. */
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).optional(),
    /** A key prefix inside the bucket (e.g. `portal/`), for a bucket shared with other data. */
    S3_PREFIX: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, 'S3_PREFIX must be folder names each ending in /').default(''),
  })
  .transform((e) => ({ ...e, APP_URL: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '') }))
  .superRefine((e, ctx) => {
    if (e.FILE_STORAGE === 's3' && !e.S3_BUCKET) ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'FILE_STORAGE=s3 needs S3_BUCKET' })
    const url = new URL(e.APP_URL)
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    if (e.NODE_ENV === 'production' && url.protocol !== 'https:' && !local) {
      ctx.addIssue({
        code: 'custom',
        path: ['APP_URL'],
        message: 'in production APP_URL must use https:// (session cookies are Secure)',
      })
    }
  })

export type Env = z.output<typeof envSchema>

/** Parses the environment; throws one readable message listing every problem. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = envSchema.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`)
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join('\n')}`)
  }
  return result.data
}

/** Session cookies are Secure whenever the portal is served over https. */
export function cookieIsSecure(env: Env) {
  return env.APP_URL.startsWith('https://')
}
