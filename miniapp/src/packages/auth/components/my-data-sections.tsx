import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import {
  LedgerReasonLabel, RatingLabel, ReportStatusLabel, RoleLabel, ShopOrderStatusLabel, TopicStatusLabel,
  type LedgerReason, type RatingValue, type ReportState, type TopicStatus,
} from '@linli/shared'
import { formatDateTime, formatNumber } from '../../../format'
import type { MyDataT } from '../../../api/me-data'
import InfoRow from '../../../components/info-row'

/** At most this many lines per section on the phone; the export holds everything. */
const SHOWN = 5
const day = (iso: string) => formatDateTime(iso).split(' ')[0]

/** A titled card with its count, the first few entries, and what to do when there are more. */
function Section<T>({ id, title, items, empty, line }: { id: string; title: string; items: T[]; empty: string; line: (x: T) => ReactNode }) {
  return (
    <View className='card mydata__section' id={`mydata-${id}`}>
      <View role='heading' aria-level={2} className='card__title'><Text>{title}（{items.length}）</Text></View>
      {items.length === 0 ? <Text className='muted'>{empty}</Text> : (
        <View>
          {items.slice(0, SHOWN).map((x, i) => <View className='mydata__line' key={i}>{line(x)}</View>)}
          {items.length > SHOWN && <Text className='mydata__more'>还有 {items.length - SHOWN} 条，完整内容请导出查看。</Text>}
        </View>
      )}
    </View>
  )
}

const Line = ({ main, sub }: { main: string; sub?: string }) => (
  <View><Text className='mydata__main'>{main}</Text>{sub && <Text className='mydata__sub'>{sub}</Text>}</View>
)

export function MyDataSections({ data }: { data: MyDataT }) {
  const p = data.profile
  const h = data.household
  return (
    <View>
      <View className='card' id='mydata-profile'>
        <View role='heading' aria-level={2} className='card__title'><Text>个人资料</Text></View>
        <InfoRow label='称呼' value={p.displayName} id='mydata-name' />
        {p.username && <InfoRow label='账号' value={p.username} />}
        <InfoRow label='微信' value={p.wechatBound ? '已关联' : '未关联'} />
        <InfoRow label='同意隐私条款' value={p.privacyAgreedAt ? day(p.privacyAgreedAt) : '尚未同意'} />
        {p.privacyVersion && <InfoRow label='条款版本' value={p.privacyVersion} />}
        <InfoRow label='注册时间' value={day(p.createdAt)} />
        <InfoRow label='已登录设备' value={`${p.activeSessions} 台`} />
      </View>
      <View className='card' id='mydata-household'>
        <View role='heading' aria-level={2} className='card__title'><Text>我家</Text></View>
        {h ? (
          <View>
            <InfoRow label='地址' value={h.address} />
            <InfoRow label='所属' value={h.unitPath} />
            {h.area !== null && <InfoRow label='面积' value={`${h.area} 平方米`} />}
            <InfoRow label='我的身份' value={h.isHead ? '户主' : '家庭成员'} />
            <InfoRow label='本户成员' value={`${h.memberCount} 人`} />
          </View>
        ) : <Text className='muted'>没有绑定住户。</Text>}
        {data.roles.map((r) => <InfoRow key={`${r.role}${r.unitId}`} label={RoleLabel[r.role]} value={r.unitName} />)}
      </View>
      <Section id='reports' title='我的上报' items={data.reports} empty='没有上报。'
        line={(r) => <Line main={r.description} sub={`${r.categoryName} · ${ReportStatusLabel[r.status as ReportState] ?? r.status} · ${day(r.createdAt)}${r.anonymous ? ' · 匿名' : ''}`} />} />
      <Section id='topics' title='我提的议题' items={data.topics} empty='没有提出议题。'
        line={(x) => <Line main={x.title} sub={`${TopicStatusLabel[x.status as TopicStatus] ?? x.status} · ${day(x.createdAt)}`} />} />
      <Section id='cosigns' title='我的联署' items={data.cosigns} empty='没有联署。' line={(x) => <Line main={x.topicTitle} sub={day(x.at)} />} />
      <Section id='meetings' title='参加的会议' items={data.meetings} empty='没有参会记录。'
        line={(x) => <Line main={x.title} sub={`${day(x.startsAt)} · ${x.attended === 'me' ? '本人到会' : '本户到会'}`} />} />
      <Section id='ballots' title='我投的票' items={data.myBallots} empty='没有在线投过票。'
        line={(b) => <Line main={b.pollTitle} sub={`选择：${b.choices.join('、')}${b.superseded ? '（已被改投）' : ''} · 回执 ${b.receipt.slice(0, 8)}`} />} />
      <Section id='household-votes' title='我家的投票记录' items={data.householdVotes} empty='我家还没有投过票。'
        line={(v) => <Line main={v.pollTitle} sub={`${v.byMe ? '由我投票' : '家人或工作人员代录，选择不显示'} · ${day(v.votedAt)}`} />} />
      <Section id='objections' title='我的异议' items={data.objections} empty='没有提出异议。'
        line={(o) => <Line main={o.body} sub={`${o.postTitle} · ${o.answer ? '已答复' : '待答复'}`} />} />
      <Section id='ratings' title='我的评价' items={data.ratings} empty='没有评价。'
        line={(r) => <Line main={r.itemTitle} sub={RatingLabel[r.rating as RatingValue] ?? r.rating} />} />
      <View className='card' id='mydata-points'>
        <View role='heading' aria-level={2} className='card__title'><Text>积分</Text></View>
        <InfoRow label='余额' value={`${formatNumber(data.points.balance)} 分`} id='mydata-balance' />
        {data.points.ledger.slice(0, SHOWN).map((e, i) => (
          <InfoRow key={i} label={`${LedgerReasonLabel[e.reason as LedgerReason]} · ${day(e.at)}`} value={`${e.delta > 0 ? '+' : ''}${e.delta}`} />
        ))}
        {data.points.ledger.length > SHOWN && <Text className='mydata__more'>共 {data.points.ledger.length} 笔，完整明细请导出查看。</Text>}
      </View>
      <Section id='orders' title='积分兑换' items={data.orders} empty='没有兑换记录。'
        line={(o) => <Line main={`${o.itemName} × ${o.quantity}`} sub={`${o.pointsTotal} 分 · ${ShopOrderStatusLabel[o.status]} · ${day(o.createdAt)}`} />} />
      <View className='card' id='mydata-more'>
        <View role='heading' aria-level={2} className='card__title'><Text>其他</Text></View>
        <InfoRow label='我也遇到' value={`${data.supports.length} 次`} />
        <InfoRow label='消息' value={`${data.notifications.length} 条`} />
        <InfoRow label='我上传的照片' value={`${data.uploads.length} 张`} />
      </View>
    </View>
  )
}
