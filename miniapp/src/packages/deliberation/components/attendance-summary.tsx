import { View, Text } from '@tarojs/components'
import type { MeetingT } from '../../../api/deliberation'

/**
 * 到会住户 as the server lets this reader see it: the counts for everyone; the list for the
 * organisers and the community's staff ('all'); a household only its own entry ('own'); riders,
 * departments and supervisors only the counts ('none'), with a word on why there is no list.
 */
export default function AttendanceSummary({ attendance: att }: { attendance: MeetingT['attendance'] }) {
  return (
    <View id='attendance-summary' data-visibility={att.visibility}>
      <Text className='muted' id='attendance-count'>已签到 {att.householdCount} 户{att.userCount ? `、${att.userCount} 人` : ''}</Text>
      {att.visibility === 'all' && att.households.length > 0 && (
        <View id='attendance-list'>
          {att.households.map((h) => <Text className='tag' key={h.householdId}>{h.address}</Text>)}
        </View>
      )}
      {att.visibility === 'own' && (att.households.length > 0 || att.users.length > 0
        ? (
          <View id='attendance-list'>
            <Text className='hint' id='attendance-own'>您家已签到：</Text>
            {att.households.map((h) => <Text className='tag' key={h.householdId}>{h.address}</Text>)}
            {att.users.map((u) => <Text className='tag' key={u.userId}>{u.displayName}</Text>)}
          </View>
        )
        : <Text className='hint' id='attendance-own-none'>您家没有登记到会。</Text>)}
      {att.visibility === 'none' && <Text className='hint' id='attendance-private'>到会名单只向会议召集人、本社区工作人员和到会住户本户公开。</Text>}
    </View>
  )
}
