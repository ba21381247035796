import { useCallback, useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { BoardPostKindLabel, BoardPostStatusLabel, PUBLICITY_LIMITS } from '@linli/shared'
import ActionButton from '../../../../components/action-button'
import { Loading, ErrorState, FormError } from '../../../../components/state-view'
import { errorMessage, loadFailure } from '../../../../api/client'
import type { FailureKind } from '../../../../api/client'
import { getMe } from '../../../../api/auth'
import { isLoggedIn } from '../../../../api/tokens'
import { answerObjection, finalizePost, getPost, objectTo, type BoardPostT, type ObjectionT } from '../../../../api/publicity'
import { formatDateTime } from '../../../../format'
import { routes } from '../../../../routes'
import { idFromScene, sharePath, useShare } from '../../../../share'
import LoginPrompt from '../../../../components/login-prompt'
import ShareButton from '../../../../components/share-button'
import { PostLinks } from '../../components/post-links'
import { standingIn, type Standing } from '../../scope'
import { subscriptions, useSubscriptionsReady } from '../../../../subscribe'
import { useConfirm } from '../../../../components/confirm'
import '../../board.css'

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'error'; message: string; kind?: FailureKind } | { status: 'ready'; post: BoardPostT; standing: Standing }

function AnswerForm({ o, onDone }: { o: ObjectionT; onDone: () => void }) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  async function send() {
    if (!text.trim()) return setError('请填写答复内容')
    setBusy(true)
    setError('')
    try {
      await answerObjection(o.id, text.trim())
      setText('')
      onDone()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='board__panel'>
      <Text className='field__label'>答复这条异议（答复会公开）</Text>
      <Textarea className='board__textarea' id={`answer-text-${o.id}`} aria-label='答复内容' value={text} maxlength={PUBLICITY_LIMITS.answerMax}
        onInput={(e) => setText(e.detail.value)} />
      <FormError message={error} />
      <ActionButton className='btn' id={`answer-submit-${o.id}`} loading={busy} disabled={busy} onClick={send}>{busy ? '正在提交…' : '提交答复'}</ActionButton>
    </View>
  )
}

export default function PostDetail() {
  const { params } = useRouter()
  // a card or link carries ?id=; the printed notice's mini-program code carries ?scene=
  const id = params.id ?? idFromScene(params.scene) ?? ''
  const [s, setS] = useState<State>({ status: 'loading' })
  const [objection, setObjection] = useState('')
  const [busy, setBusy] = useState<'' | 'object' | 'finalize'>('')
  const [objectError, setObjectError] = useState('')
  const [objectDone, setObjectDone] = useState(false)
  const [finalizeError, setFinalizeError] = useState('')
  const [confirmDialog, confirm] = useConfirm()

  const load = useCallback(() => {
    if (!isLoggedIn()) { setS({ status: 'anonymous' }); return }
    setS((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    Promise.all([getPost(id), getMe().catch(() => null)])
      .then(async ([post, me]) => setS({ status: 'ready', post, standing: await standingIn(post.unitId, me) }))
      .catch((e) => setS({ status: 'error', ...loadFailure(e) }))
  }, [id])
  useDidShow(load)
  useSubscriptionsReady()
  useShare({ kind: 'post', id, title: s.status === 'ready' ? s.post.title : undefined })

  if (s.status === 'anonymous') {
    return <View className='page'><LoginPrompt text='这是社区的一条公示。登录后可以查看全文和异议答复。' returnTo={{ url: sharePath('post', id) }} /></View>
  }
  if (s.status === 'loading') return <View className='page'><Loading /></View>
  if (s.status === 'error') return <View className='page'><ErrorState message={s.message} kind={s.kind} onRetry={load} /></View>
  const { post, standing } = s
  const admin = standing.roles.has('community_admin')
  const windowOver = !post.windowOpen

  async function object() {
    if (!objection.trim()) return setObjectError('请写明您的异议')
    // inside the 提交异议 tap (WeChat's 订阅 dialog opens only there): the answer can reach WeChat too
    void subscriptions.ask('objection', post.id)
    setBusy('object')
    setObjectError('')
    try {
      await objectTo(post.id, objection.trim())
      setObjection('')
      setObjectDone(true)
      load()
    } catch (e) {
      setObjectError(errorMessage(e))
    } finally {
      setBusy('')
    }
  }

  async function finalize() {
    // 生效 ends the publicity for good: ask once, naming the post
    const ok = await confirm({
      title: '确认生效',
      lines: [{ label: '公示', value: post.title }, { label: '公示期', value: `至 ${formatDateTime(post.windowEndsAt)}（已满）` }],
      note: '确认后公示结束，结果生效，不能撤回。',
      confirmText: '确认生效',
    })
    if (!ok) return
    setBusy('finalize')
    setFinalizeError('')
    try {
      const p = await finalizePost(post.id)
      setS({ status: 'ready', post: p, standing })
      Taro.showToast({ title: '已确认生效', icon: 'success' }).catch(() => undefined)
    } catch (e) {
      setFinalizeError(errorMessage(e))
    } finally {
      setBusy('')
    }
  }

  return (
    <View className='page board'>
      <View role='heading' aria-level={1} className='h1'><Text>{post.title}</Text></View>
      <View className='card' id='post-facts'>
        <View>
          <Text className={`board__status board__status--${post.status}`} id='post-status'>{BoardPostStatusLabel[post.status]}</Text>
          <Text className='tag'>{BoardPostKindLabel[post.kind]}</Text>
        </View>
        <View className='row'><Text className='row__label'>公示范围</Text><Text className='row__value'>{post.unitName}</Text></View>
        <View className='row'><Text className='row__label'>发布时间</Text><Text className='row__value'>{formatDateTime(post.publishedAt)}</Text></View>
        <View className='row'>
          <Text className='row__label'>公示期至</Text>
          <Text className='row__value' id='post-window'>{formatDateTime(post.windowEndsAt)}{post.windowOpen ? '' : '（已结束）'}</Text>
        </View>
        {post.finalizedAt && (
          <View className='row'><Text className='row__label'>生效时间</Text><Text className='row__value'>{formatDateTime(post.finalizedAt)}</Text></View>
        )}
        <Text className='board__body' id='post-body'>{post.body}</Text>
        <PostLinks post={post} />
      </View>

      <View className='card' id='post-objections'>
        <Text className='card__title'>异议及答复（{post.objections.length}）</Text>
        <Text className='muted'>为保护居民，异议人的姓名不公开；所有答复公开。</Text>
        {post.objections.length === 0 && <View className='hint'>暂无异议。</View>}
        {post.objections.map((o, i) => (
          <View className='board__objection' key={o.id} id={`objection-${i}`}>
            <Text className='timeline__meta'>异议 {i + 1} · {formatDateTime(o.createdAt)}</Text>
            <Text className='timeline__note'>{o.body}</Text>
            {o.answer ? (
              <Text className='board__answer' id={`objection-${i}-answer`}>答复（{formatDateTime(o.answeredAt!)}）：{o.answer}</Text>
            ) : (
              <Text className='board__warn'>待答复</Text>
            )}
            {!o.answer && admin && <AnswerForm o={o} onDone={load} />}
          </View>
        ))}
      </View>

      {post.status === 'publicizing' && standing.resident && (
        <View className='card' id='post-object'>
          <Text className='card__title'>提出异议</Text>
          {post.windowOpen ? (
            <>
              <Text className='muted'>对公示内容有疑问或不同意见，请在公示期内提出。每户对同一公示最多提 {PUBLICITY_LIMITS.objectionsPerHousehold} 条。</Text>
              <Textarea className='board__textarea' id='object-text' aria-label='异议内容' value={objection} maxlength={PUBLICITY_LIMITS.objectionMax}
                placeholder='例如：人工费是否偏高？' onInput={(e) => setObjection(e.detail.value)} />
              <FormError message={objectError} id='object-error' />
              {objectDone && !objectError && <View className='hint' role='status' id='object-done'>异议已提交，社区会公开答复。</View>}
              <ActionButton className='btn' id='object-submit' loading={busy === 'object'} disabled={busy === 'object'} onClick={object}>
                {busy === 'object' ? '正在提交…' : '提交异议'}
              </ActionButton>
            </>
          ) : (
            <Text className='muted'>公示期已结束，不能再提出异议。</Text>
          )}
        </View>
      )}

      {post.status === 'publicizing' && post.windowOpen && !standing.resident && !admin && (
        <Text className='hint' id='post-object-scope'>只有公示范围（{post.unitName}）内住户的居民可以对本公示提出异议。</Text>
      )}

      {post.status === 'publicizing' && admin && (
        <View className='card' id='post-admin'>
          <Text className='card__title'>确认生效</Text>
          <Text className='muted' id='post-finalize-reason'>
            {post.unansweredCount > 0
              ? `还有 ${post.unansweredCount} 条异议未答复，答复全部异议后才能确认生效。`
              : windowOver ? '公示期已满，异议均已答复，可以确认生效。' : `公示期至 ${formatDateTime(post.windowEndsAt)}，期满后才能确认生效（期满且异议均已答复时系统也会自动生效）。`}
          </Text>
          <FormError message={finalizeError} id='finalize-error' />
          {/* disabled, with the reason above, until the window is over and every objection answered */}
          <ActionButton className='btn' id='post-finalize' loading={busy === 'finalize'}
            disabled={busy === 'finalize' || post.unansweredCount > 0 || !windowOver} onClick={finalize}>确认生效</ActionButton>
          {confirmDialog}
        </View>
      )}
      <ShareButton card={{ kind: 'post', id: post.id, title: post.title }} />
      <ActionButton className='btn btn--ghost' onClick={() => Taro.switchTab({ url: routes.board })}>返回公示栏</ActionButton>
    </View>
  )
}
