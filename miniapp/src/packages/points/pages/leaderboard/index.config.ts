export default definePageConfig({ navigationBarTitleText: '红色积分榜' })
