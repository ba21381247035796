export default definePageConfig({ navigationBarTitleText: '投票', enableShareAppMessage: true, enableShareTimeline: true })
