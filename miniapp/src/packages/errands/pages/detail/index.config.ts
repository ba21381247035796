export default definePageConfig({ navigationBarTitleText: '代办详情' })
