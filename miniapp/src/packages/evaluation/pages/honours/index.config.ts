export default definePageConfig({ navigationBarTitleText: '五个最美' })
