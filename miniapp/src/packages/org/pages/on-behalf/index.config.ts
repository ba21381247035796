export default definePageConfig({ navigationBarTitleText: '选择住户' })
