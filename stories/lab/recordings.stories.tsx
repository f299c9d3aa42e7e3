// One story per recorded fixture in fixtures/ (CSF needs static exports, so they are listed
// here; a fixture added to fixtures/ needs a line below).
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Chat } from '../../src/components/chat/chat.tsx'
import { createChatClient, type ChatClient } from '../../src/core/chat-client.ts'
import { replayRecording } from '../../src/mocks/replay.ts'
import type { Recording } from '../../src/protocol/recording/recording.ts'
import { recordingFromSse } from '../../src/protocol/recording/recording-from-sse.ts'
import { fixtureSource, loadFixture } from '../support/fixtures.ts'
import { expectFixtureOutcome, fixtureOutcome } from './fixture-outcome.ts'

/** Every replay in the gallery takes about this long, whatever the fixture's size. */
const REPLAY_MS = 2000

interface Loaded {
  recording: Recording
  client: ChatClient
  url: string
}

const urlOf = (name: string) => `/api/recordings/${name}`

/** The fixture's recorded pace scaled so the whole stream takes {@link REPLAY_MS}. */
function gallerySpeed(recording: Recording): number {
  const last = recording.chunks.at(-1)?.t ?? 0
  return last > 0 ? last / REPLAY_MS : 1
}

function fixtureStory(name: string): StoryObj {
  return {
    name,
    parameters: { fixture: name },
    loaders: [
      async (): Promise<Loaded> => {
        const recording = recordingFromSse(await loadFixture(name), { source: `fixtures/${name}.sse` })
        const url = urlOf(name)
        return { recording, url, client: createChatClient({ api: url, format: recording.header.format }) }
      },
    ],
    beforeEach({ msw, loaded }) {
      const { recording, url, client } = loaded as Loaded
      msw.use(...replayRecording(recording, { url, speed: gallerySpeed(recording) }))
      return () => client.destroy()
    },
    render: (_args, { loaded }) => {
      const { recording, client } = loaded as Loaded
      const source = fixtureSource(name)
      return (
        <div style={{ display: 'grid', gap: 8, maxWidth: 860, margin: '0 auto' }}>
          <p data-rivulet-gallery-caption="">
            <code>{name}</code> · {recording.header.format} · {source.summary.bytes.toLocaleString('en')} bytes in {recording.chunks.length}{' '}
            frames · from {source.source_repo}
          </p>
          <Chat chat={client} style={{ height: 560 }} emptyState="Send anything: the recording answers." />
        </div>
      )
    },
    play: async ({ canvasElement, loaded }) => {
      const { client } = loaded as Loaded
      const canvas = within(canvasElement)
      await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Replay{Enter}')
      const chat = canvasElement.querySelector('[data-rivulet="chat"]')!
      const expected = fixtureOutcome(name).has_error ? 'error' : 'ready'
      await waitFor(() => expect(chat).toHaveAttribute('data-state', expected), { timeout: 15_000 })
      expectFixtureOutcome(canvasElement, client, name)
    },
  }
}

const meta: Meta = {
  title: 'Lab/Recordings',
}
export default meta

export const AiSdkUiStreamBasicReference = fixtureStory('ai-sdk-ui-stream-basic-reference')
export const AiSdkUiStreamLanggraphHitlResume = fixtureStory('ai-sdk-ui-stream-langgraph-hitl-resume')
export const AiSdkUiStreamLanggraphParallelTools = fixtureStory('ai-sdk-ui-stream-langgraph-parallel-tools')
export const AnthropicLongMarkdownCodefences = fixtureStory('anthropic-long-markdown-codefences')
export const AnthropicOverloadedErrorMidstream = fixtureStory('anthropic-overloaded-error-midstream')
export const AnthropicThinkingText = fixtureStory('anthropic-thinking-text')
export const AnthropicToolUse = fixtureStory('anthropic-tool-use')
export const GroqChatEventError = fixtureStory('groq-chat-event-error')
export const HuggingfaceChatLongMarkdownThinkTags = fixtureStory('huggingface-chat-long-markdown-think-tags')
export const OpenaiChatText = fixtureStory('openai-chat-text')
export const OpenaiChatToolArgsFineGrained = fixtureStory('openai-chat-tool-args-fine-grained')
export const OpenaiChatToolCallSingle = fixtureStory('openai-chat-tool-call-single')
export const OpenaiChatToolCallsParallel = fixtureStory('openai-chat-tool-calls-parallel')
export const OpenaiResponsesErrorInsufficientQuota = fixtureStory('openai-responses-error-insufficient-quota')
export const OpenaiResponsesFunctionCall = fixtureStory('openai-responses-function-call')
export const OpenaiResponsesReasoningSummaryText = fixtureStory('openai-responses-reasoning-summary-text')
export const OpenrouterChatMidstreamError = fixtureStory('openrouter-chat-midstream-error')
