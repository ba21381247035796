import { Report, availableReportActions, type ReportActorRole, type ReportState } from '@linli/shared'

type ReportT = import('@linli/shared').Report

export const REPORT_ID = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b'
export const UPLOAD_ID = '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b'

/**
 * A Report that passes the shared contract. `actions` defaults to what the server computes for
 * the given roles (the same shared table), so a fixture can't drift from the server.
 */
export function makeReport(status: ReportState, opts: { roles?: ReportActorRole[]; over?: Partial<ReportT> } = {}): ReportT {
  const roles = opts.roles ?? []
  return Report.parse({
    id: REPORT_ID,
    communityId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    unitId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
    unitName: '幸福社区第一网格',
    category: 'sanitation',
    categoryName: '环境卫生',
    description: '3栋楼下垃圾堆放',
    address: '3栋楼下',
    placeName: '幸福花园',
    lat: 30.6515,
    lng: 104.082,
    gcj02: { lat: 30.6489, lng: 104.0845 },
    status,
    anonymous: false,
    reporterName: '外卖骑手小马',
    onBehalfOf: null,
    isMine: roles.includes('reporter'),
    supportCount: 2,
    supportedByMe: false,
    escalationLevel: 0,
    overdue: false,
    dueAt: null,
    textSafety: 'passed',
    mediaSafety: 'passed',
    public: true,
    duplicateOf: null,
    rating: null,
    photos: [{ id: UPLOAD_ID, url: `/api/v1/uploads/${UPLOAD_ID}`, thumbUrl: `/api/v1/uploads/${UPLOAD_ID}/thumb`, kind: 'before' }],
    dispatches: [],
    timeline: [{ action: 'submit', fromStatus: null, toStatus: 'submitted', note: null, actorName: '外卖骑手小马', at: '2026-11-23T09:00:00+08:00' }],
    actions: availableReportActions(status, roles),
    createdAt: '2026-11-23T09:00:00+08:00',
    ...opts.over,
  })
}

export const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' } as any)
