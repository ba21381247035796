import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/db'
import { units } from '../org/org.tables'
import { grantsOf } from '../org/org.repository'
import { trackedItemPhotos } from '../publicity/publicity.tables'
import { can } from '../reports/reports.policy'
import { reportDispatches, reportPhotos, reports } from '../reports/reports.tables'
import type { UploadRow } from './uploads.service'
import { errandPhotos } from '../errands/errands.tables'

/**
 * Who may see a photo:
 * - everyone, once its content check passed, when it belongs to a public report (accepted or
 *   later, text and photos checked) or to a tracked item / repair (the board shows those);
 * - otherwise its uploader, and whoever may read a report holding it (the reporter, staff whose
 *   units cover the report's unit, the department it was dispatched to), as GET /reports/:id decides.
 */
export async function isPublicPhoto(db: DbOrTx, upload: UploadRow): Promise<boolean> {
  if (upload.mediaSafety !== 'passed') return false
  const [report] = await db.select({ id: reports.id }).from(reportPhotos).innerJoin(reports, eq(reports.id, reportPhotos.reportId))
    .where(and(eq(reportPhotos.uploadId, upload.id), eq(reports.isPublic, true))).limit(1)
  if (report) return true
  const [item] = await db.select({ id: trackedItemPhotos.itemId }).from(trackedItemPhotos).where(eq(trackedItemPhotos.uploadId, upload.id)).limit(1)
  return !!item
}

export async function mayReadPhoto(db: DbOrTx, upload: UploadRow, userId: string): Promise<boolean> {
  if (upload.ownerId === userId) return true
  const holders = await db.select({ id: reports.id, unitPath: reports.unitPath, reporterId: reports.reporterId })
    .from(reportPhotos).innerJoin(reports, eq(reports.id, reportPhotos.reportId)).where(eq(reportPhotos.uploadId, upload.id))
  if (holders.length === 0) return false
  const actor = { userId, grants: await grantsOf(db, userId) }
  for (const r of holders) {
    const dispatchPaths = (await db.select({ path: units.path }).from(reportDispatches)
      .innerJoin(units, eq(units.id, reportDispatches.departmentUnitId)).where(eq(reportDispatches.reportId, r.id))).map((d) => d.path)
    if (can(actor, 'report.read', { unitPath: r.unitPath, reporterId: r.reporterId, dispatchPaths })) return true
  }
  return false
}

/** An errand's photo (a document, a receipt): never served here, only by GET /errands/:id/photos/:uploadId (audited). */
export async function isErrandPhoto(db: DbOrTx, uploadId: string): Promise<boolean> {
  const [row] = await db.select({ id: errandPhotos.uploadId }).from(errandPhotos).where(eq(errandPhotos.uploadId, uploadId)).limit(1)
  return !!row
}
