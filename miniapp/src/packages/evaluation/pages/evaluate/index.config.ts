export default definePageConfig({ navigationBarTitleText: '院坝双向评价' })
