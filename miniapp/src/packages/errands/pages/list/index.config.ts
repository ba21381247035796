export default definePageConfig({ navigationBarTitleText: '代办服务' })
