export default definePageConfig({ navigationBarTitleText: '院坝自治评价' })
