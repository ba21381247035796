export default definePageConfig({ navigationBarTitleText: '新建住户' })
