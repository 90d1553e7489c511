import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { currentMigration, latestMigration } from '../../db/migrate'
import { uploadStorage } from '../modules/applications'
import { authorize } from '../modules/auth'
import { checkNewestFiles } from '../modules/backup'

/**
 * For monitors and load balancers: the database answers, which kind it is, the schema version, and the
 * newest stored files (attachments, documents, ZIPs) are there: a database restored without its files is
 * not healthy.
 */
export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/healthz')
  const { db, dbKind, env } = args.context
  const headers = { 'Cache-Control': 'no-store' }
  let migration: string | null
  try {
    migration = await currentMigration(db)
  } catch {
    return json({ status: 'database-unavailable', database: dbKind }, { status: 503, headers })
  }
  const versions = { database: dbKind, migration, latestMigration }
  if (migration !== latestMigration) return json({ status: 'migrations-pending', ...versions }, { status: 503, headers })
  const files = await checkNewestFiles(db, uploadStorage(env))
  if (files.missing.length) {
    const missing = files.missing.map((m) => `${m.count} ${m.kind}${m.count === 1 ? '' : 's'}`).join(', ')
    return json(
      { status: 'files-missing', ...versions, reason: `Stored files missing or incomplete among the ${files.checked} newest: ${missing}.`, missing: files.missing },
      { status: 503, headers },
    )
  }
  return json({ status: 'ok', ...versions }, { headers })
}
