export default definePageConfig({ navigationBarTitleText: '院坝宣讲' })
