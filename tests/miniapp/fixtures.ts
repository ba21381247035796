import { Me } from '@linli/shared'

type MeT = import('@linli/shared').Me

/** a Me that passes the shared contract, so a fixture can't drift from the server */
export function makeMe(over: Partial<MeT> = {}): MeT {
  return Me.parse({
    id: '0b9f5a3e-2f41-4a8e-9c55-2a6f4b2f1c01',
    displayName: '张阿姨',
    username: 'zhang',
    privacyAgreedAt: '2026-11-20T09:00:00+08:00',
    household: {
      id: '6c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
      address: '3栋2单元501',
      unitId: '7d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6',
      unitName: '3栋',
      unitPath: '和平街道 / 幸福社区 / 第一网格 / 3栋',
      isHead: true,
      area: 89.5,
    },
    community: { id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', name: '幸福社区', path: '和平街道 / 幸福社区' },
    roles: [],
    ...over,
  })
}
