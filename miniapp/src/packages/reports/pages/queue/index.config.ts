export default definePageConfig({ navigationBarTitleText: '上报处理', enablePullDownRefresh: true })
