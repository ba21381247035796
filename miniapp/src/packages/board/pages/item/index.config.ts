export default definePageConfig({ navigationBarTitleText: '事项详情', enableShareAppMessage: true, enableShareTimeline: true })
