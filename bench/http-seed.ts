// Seeds the HTTP benchmark's database (already migrated) through the application's own modules: one open call
// and N applicants with complete drafts, each with a password so that the load driver signs them in over HTTP.
// Prints one JSON line: the applicants (email, application id, application version) and the password.
//   node bench/.build/http-seed.mjs <DATABASE_URL> <count> <uploads dir>
import { createDb } from '../db'
import { hashPassword } from '../app/modules/auth/password'
import { uploadStorage } from '../app/modules/applications'
import { createCall, fileCompleteDraft } from './fixtures'
import { runPool } from './stats'

export const BENCH_PASSWORD = 'Bench-Deadline-2026'

async function main() {
  const [url, countArg, dataDir] = process.argv.slice(2)
  const count = Number(countArg)
  const handle = await createDb({ url, max: 10 })
  const db = handle.db
  try {
    const storage = uploadStorage({ DATA_DIR: dataDir })
    const call = await createCall(db)
    // One scrypt hash for every applicant: the same password, hashed once (the login still verifies it).
    const hash = await hashPassword(BENCH_PASSWORD, 14)
    const applicants: { email: string; applicationId: string }[] = new Array(count)
    await runPool(
      Array.from({ length: count }, (_, i) => i),
      10,
      async (i) => {
        const filed = await fileCompleteDraft(db, storage, { callId: call.id, mandatoryDocumentIds: call.mandatory, index: i + 1, organisationName: `Công ty TNHH Cà phê HTTP ${i + 1}` })
        await db.updateTable('users').set({ password_hash: hash }).where('id', '=', filed.user.id).execute()
        applicants[i] = { email: filed.user.email, applicationId: filed.applicationId }
      },
    )
    const versions = await db.selectFrom('applications').select(['id', 'version']).execute()
    const byId = new Map(versions.map((v) => [v.id, v.version]))
    const sections = await db.selectFrom('application_sections').select(['application_id', 'version']).where('key', '=', 'general').execute()
    const sectionById = new Map(sections.map((s) => [s.application_id, s.version]))
    process.stdout.write(
      `${JSON.stringify({
        password: BENCH_PASSWORD,
        applicants: applicants.map((a) => ({ ...a, version: byId.get(a.applicationId), general: sectionById.get(a.applicationId) })),
      })}\n`,
    )
  } finally {
    await handle.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
