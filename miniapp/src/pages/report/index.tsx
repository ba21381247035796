import ComingSoon from '../../components/coming-soon'

export default function ReportTab() {
  return (
    <ComingSoon
      title='随手拍'
      what='看到路灯不亮、垃圾堆放、井盖缺失等问题，拍张照片就能上报，网格员受理后全程可查进度。'
      points={['拍照上报，自动定位到所在网格', '附近已有同类问题时可“我也遇到”一键附议', '问题受理后获得积分']}
    />
  )
}
