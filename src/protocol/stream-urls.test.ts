import { describe, expect, it } from 'vitest'
import { matchStreamUrl, parseLastEventId, streamResumeUrl, streamRoutePattern, streamStopUrl } from './stream-urls.ts'

describe('stream URLs', () => {
  it('builds resume and stop URLs under the chat endpoint, encoding the id and ignoring trailing slashes', () => {
    expect(streamResumeUrl('/api/chat', 'stream-1')).toBe('/api/chat/stream-1/resume')
    expect(streamStopUrl('https://x.test/api/chat//', 'a/b c')).toBe('https://x.test/api/chat/a%2Fb%20c/stop')
    expect(streamRoutePattern('/api/chat/', 'resume')).toBe('/api/chat/:streamId/resume')
  })

  it('reads back exactly what it builds, and nothing else', () => {
    for (const id of ['stream-1', 'a/b c', 'ünï', '%']) {
      expect(matchStreamUrl('/api/chat', new URL(streamResumeUrl('/api/chat', id), 'http://x.test').pathname)).toEqual({ streamId: id, action: 'resume' })
    }
    expect(matchStreamUrl('/api/chat', '/api/chat/s1/stop')).toEqual({ streamId: 's1', action: 'stop' })
    expect(matchStreamUrl('/api/chat', '/api/chat')).toBeUndefined()
    expect(matchStreamUrl('/api/chat', '/api/chats/s1/resume')).toBeUndefined()
    expect(matchStreamUrl('/api/chat', '/api/chat/s1/delete')).toBeUndefined()
    expect(matchStreamUrl('/api/chat', '/api/chat/%E0%A4%A/resume')).toBeUndefined()
  })

  it('reads Last-Event-ID as a seq: absent means everything, garbage is refused', () => {
    expect(parseLastEventId(null)).toBe(-1)
    expect(parseLastEventId(' ')).toBe(-1)
    expect(parseLastEventId(' 12 ')).toBe(12)
    expect(parseLastEventId('abc')).toBeUndefined()
    expect(parseLastEventId('-1')).toBeUndefined()
  })
})
