import type { ExportQuery } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Grant } from '../org/org.policy'
import type { UnitRow } from '../org/org.repository'
import type { Actor } from '../../plugins/auth'
import type { Sheet } from './export.writer'

export interface ExportActor extends Actor { grants: Grant[] }

/** What a dataset is asked for: the unit it covers, the caller with their grants, the list's filters. */
export interface ExportRequest { db: Db; me: ExportActor; unit: UnitRow; q: ExportQuery; now: Date }

/**
 * A dataset checks the caller and the filters first (answering 4xx as JSON, before any byte of
 * the file is sent), then returns its sheets, whose rows are read only as the file is written.
 */
export type Dataset = (r: ExportRequest) => Promise<Sheet[]>
