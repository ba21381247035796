export default definePageConfig({ navigationBarTitleText: '挂牌督办', enablePullDownRefresh: true })
