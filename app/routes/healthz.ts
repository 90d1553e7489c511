import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { currentMigration, latestMigration } from '../../db/migrate'
import { authorize } from '../modules/auth'

/** For monitors and load balancers: the database answers, which kind it is, and the schema version. */
export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/healthz')
  const { db, dbKind } = args.context
  try {
    const migration = await currentMigration(db)
    const upToDate = migration === latestMigration
    return json(
      { status: upToDate ? 'ok' : 'migrations-pending', database: dbKind, migration, latestMigration },
      { status: upToDate ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
    )
  } catch {
    return json({ status: 'database-unavailable', database: dbKind }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
