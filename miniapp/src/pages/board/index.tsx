import ComingSoon from '../../components/coming-soon'

export default function BoardTab() {
  return (
    <ComingSoon
      title='公示'
      what='投票结果、议事决议、维修进度和资金使用都在这里公示，与小区公告栏内容一致。'
      points={['公示期内可以提出异议，每条异议都会公开答复', '维修项目可看到前后照片和实际花费', '可打印张贴到线下公告栏']}
    />
  )
}
