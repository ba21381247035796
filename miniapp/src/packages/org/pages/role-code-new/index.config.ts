export default definePageConfig({ navigationBarTitleText: '发放身份邀请码' })
