import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Loading, ErrorState } from '../../../../components/state-view'
import { loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { listCategorySettings, listDepartments, type CategorySettingT, type DepartmentT } from '../../../../api/reports'
import CategorySettings from '../../components/category-settings'
import DepartmentSettings from '../../components/department-settings'
import { routeParam } from '../../../../route-param'
import '../../reports.css'

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string; kind?: FailureKind }
  | { status: 'ready'; communityId: string; categories: CategorySettingT[]; departments: DepartmentT[] }

/** 上报设置 (community admin): categories with their SLAs, and the department directory. */
export default function ReportSettings() {
  const { unitId = '', name: rawName } = useRouter().params
  // H5 hands the name over still URL-encoded (the title read 上报设置 · %E5%B9%B8…)
  const name = routeParam(rawName)
  const [s, setS] = useState<State>({ status: 'loading' })
  const load = useCallback(async (quiet = false) => {
    if (!unitId) return setS({ status: 'error', message: '缺少社区参数，请从工作台进入' })
    if (!quiet) setS({ status: 'loading' })
    try {
      const categories = await listCategorySettings(unitId)
      const departments = await listDepartments(categories.communityId)
      setS({ status: 'ready', communityId: categories.communityId, categories: categories.items, departments: departments.items })
    } catch (e) {
      setS({ status: 'error', ...loadFailure(e) })
    }
  }, [unitId])
  useDidShow(() => { void load() })

  return (
    <View className='page' id='report-settings'>
      <View role='heading' aria-level={1} className='h1'><Text>上报设置{name ? ` · ${name}` : ''}</Text></View>
      {s.status === 'loading' && <Loading />}
      {s.status === 'error' && <ErrorState message={s.message} kind={s.kind} onRetry={() => load()} />}
      {s.status === 'ready' && (
        <>
          <CategorySettings communityId={s.communityId} items={s.categories} onChanged={() => void load(true)} />
          <DepartmentSettings communityId={s.communityId} items={s.departments} onChanged={() => void load(true)} />
        </>
      )}
    </View>
  )
}
