export default definePageConfig({ navigationBarTitleText: '公示详情' })
