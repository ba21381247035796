export default definePageConfig({ navigationBarTitleText: '部门派单', enablePullDownRefresh: true })
