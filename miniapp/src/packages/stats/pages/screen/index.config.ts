export default definePageConfig({ navigationBarTitleText: '数据大屏', navigationStyle: 'custom' })
