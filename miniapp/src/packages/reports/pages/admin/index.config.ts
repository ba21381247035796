export default definePageConfig({ navigationBarTitleText: '上报设置' })
