export default definePageConfig({ navigationBarTitleText: '登记修缮' })
