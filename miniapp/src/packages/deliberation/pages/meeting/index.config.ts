export default definePageConfig({ navigationBarTitleText: '议事会议', enableShareAppMessage: true, enableShareTimeline: true })
