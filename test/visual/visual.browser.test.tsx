import { composeStories } from '@storybook/react-vite'
import type { ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { beforeAll, expect, it, vi } from 'vitest'
import { page } from 'vitest/browser'
import '../../src/styles.css'
import { Chat } from '../../src/index.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import * as composerStories from '../../stories/composer.stories.tsx'
import * as filePartStories from '../../stories/file-parts.stories.tsx'
import * as statusStories from '../../stories/status.stories.tsx'
import * as toolCallStories from '../../stories/tool-call.stories.tsx'
import { mountPerTest } from '../support/browser-root.ts'
import { conversation } from './conversation.ts'
import { CitedAnswer, FinishedToolUI } from './rich-parts-frames.tsx'

/*
 * Visual regression: a handful of key stories and the whole chat, screenshotted in Chromium
 * and compared with the committed baselines in test/visual/baselines (a small tolerance for
 * anti-aliasing). Deterministic: fixed fonts, no animation or transition, no caret, settled
 * states only. After an intended change: `npx vitest run --project browser test/visual -u`,
 * then look at the new PNGs before committing them.
 */

const { AllStates } = composeStories(toolCallStories)
const { Idle, Streaming } = composeStories(composerStories)
const { AllErrorCodes } = composeStories(statusStories)
const { OnMessages: FileParts, GeneratedImage } = composeStories(filePartStories)

const frozen = `
  [data-visual] { --rivulet-font: 'DejaVu Sans', sans-serif; --rivulet-mono: 'DejaVu Sans Mono', monospace; }
  [data-visual] *, [data-visual] *::before, [data-visual] *::after {
    animation: none !important; transition: none !important; caret-color: transparent !important;
  }
  /* The pointer is wherever the last test left it: a message's hover toolbar is not part of the shot. */
  [data-visual] [data-rivulet='message']:hover:not(:focus-within) [data-rivulet='action-bar'] { opacity: 0 !important; }
`
beforeAll(async () => {
  await page.viewport(1280, 1000)
  const style = document.createElement('style')
  style.textContent = frozen
  document.head.append(style)
})

const host = mountPerTest('')

function Frame({ theme, width, height, children }: { theme: 'light' | 'dark'; width: number; height?: number; children: ReactNode }) {
  return (
    <div
      data-visual=""
      data-theme={theme}
      style={{ width, height, padding: 16, boxSizing: 'border-box', colorScheme: theme, background: `var(--rivulet-${theme === 'dark' ? 'dark-' : ''}bg)`, color: `var(--rivulet-${theme === 'dark' ? 'dark-' : ''}fg)`, fontFamily: 'var(--rivulet-font)' }}
    >
      {children}
    </div>
  )
}

async function settle() {
  await document.fonts.ready
  // A restored thread shows its newest screen first and mounts older messages in idle slices
  // (its log is not announced meanwhile): wait for the whole history, however slow the machine.
  await vi.waitFor(() => {
    for (const log of host.host.querySelectorAll('[data-rivulet="message-list-viewport"]')) expect(log.getAttribute('aria-live')).toBe('polite')
  }, { timeout: 20_000 })
  // Code blocks highlight asynchronously; screenshots show the highlighted state.
  await vi.waitFor(() => {
    for (const block of host.host.querySelectorAll('[data-rivulet="code-block"]')) expect(block.getAttribute('data-state')).toBe('highlighted')
  }, { timeout: 20_000 })
  // Images are data: URLs (nothing from the network); wait until each one is decoded and laid out.
  await Promise.all([...host.host.querySelectorAll('img')].map((img) => img.decode()))
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
}

async function shoot(name: string, element: ReactNode) {
  flushSync(() => host.root.render(element))
  await settle()
  await expect.element(page.elementLocator(host.host.firstElementChild!), { timeout: 30_000 }).toMatchScreenshot(name, {
    // Two identical captures in a row make a stable screenshot; on 2 loaded cores one capture of a
    // tall frame took over 2.5 s (the 5 s default failed once in a full CI run, the image right).
    timeout: 20_000,
    comparatorName: 'pixelmatch',
    comparatorOptions: { threshold: 0.2, allowedMismatchedPixelRatio: 0.005 },
  })
}

const chat = (theme: 'light' | 'dark', width: number, height: number, avatars = false) => (
  <Frame theme={theme} width={width} height={height}>
    <Chat transport={createMemoryTransport({ respond: () => [] })} options={{ initialMessages: conversation }} avatars={avatars} />
  </Frame>
)

it('chat, light', () => shoot('chat-light', chat('light', 760, 900)))
it('chat, dark', () => shoot('chat-dark', chat('dark', 760, 900)))
it('chat, phone width', () => shoot('chat-phone', chat('light', 390, 780)))
it('chat with avatars, light', () => shoot('chat-avatars-light', chat('light', 760, 900, true)))
it('chat with avatars, dark, phone width', () => shoot('chat-avatars-dark-phone', chat('dark', 390, 780, true)))
it('tool calls in every state', () =>
  shoot(
    'tool-call-all-states',
    <Frame theme="light" width={760}>
      <AllStates />
    </Frame>,
  ))
it('composer idle and streaming', () =>
  shoot(
    'composer',
    <Frame theme="light" width={560}>
      <Idle />
      <div style={{ height: 12 }} />
      <Streaming />
    </Frame>,
  ))
it('every error notice, dark', async () => {
  // The rate-limit countdown reads Date.now(): frozen, it shows the same second in every run.
  vi.useFakeTimers({ toFake: ['Date'] })
  try {
    await shoot(
      'error-notices-dark',
      <Frame theme="dark" width={560}>
        <AllErrorCodes />
      </Frame>,
    )
  } finally {
    vi.useRealTimers()
  }
})

// Each family in the other theme and at phone width too (Docs / Design shows all three).
it('tool calls, dark', () => shoot('tool-call-all-states-dark', <Frame theme="dark" width={760}><AllStates /></Frame>))
it('tool calls, phone width', () => shoot('tool-call-all-states-phone', <Frame theme="light" width={390}><AllStates /></Frame>))
it('composer, dark', () =>
  shoot(
    'composer-dark',
    <Frame theme="dark" width={560}>
      <Idle />
      <div style={{ height: 12 }} />
      <Streaming />
    </Frame>,
  ))
it('composer, phone width', () =>
  shoot(
    'composer-phone',
    <Frame theme="light" width={390}>
      <Idle />
      <div style={{ height: 12 }} />
      <Streaming />
    </Frame>,
  ))
it('every error notice, light and phone width', async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  try {
    await shoot('error-notices-light', <Frame theme="light" width={560}><AllErrorCodes /></Frame>)
    await shoot('error-notices-phone', <Frame theme="light" width={390}><AllErrorCodes /></Frame>)
  } finally {
    vi.useRealTimers()
  }
})

// Rich parts (issue 12), finished states only: a tool drawn by the app's own component, data with
// sources and inline citation markers, and file parts (raster data: images, chips, placeholders).
/** The frame's broken forecast renderer throws on purpose: its TypeError is expected in the log, and nothing else. */
async function shootWithBrokenRenderer(name: string, element: ReactNode) {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
  try {
    await shoot(name, element)
    expect(logged).toHaveBeenCalled()
    for (const args of logged.mock.calls) expect(args.map(String).join(' ')).toMatch(/reading 'days'/)
  } finally {
    logged.mockRestore()
  }
}
it('tool rendered by a custom component, light', () => shootWithBrokenRenderer('tool-ui-light', <Frame theme="light" width={760}><FinishedToolUI /></Frame>))
it('tool rendered by a custom component, dark', () => shootWithBrokenRenderer('tool-ui-dark', <Frame theme="dark" width={760}><FinishedToolUI /></Frame>))
it('data and sources with citation markers, light', () => shoot('rich-parts-light', <Frame theme="light" width={680}><CitedAnswer /></Frame>))
it('data and sources with citation markers, dark', () => shoot('rich-parts-dark', <Frame theme="dark" width={680}><CitedAnswer /></Frame>))
it('file parts, light', () => shoot('file-parts-light', <Frame theme="light" width={760}><FileParts /></Frame>))
it('file parts, dark', () => shoot('file-parts-dark', <Frame theme="dark" width={760}><FileParts /></Frame>))
it('generated image: a partial preview and the final image', () => shoot('generated-image', <Frame theme="light" width={560}><GeneratedImage /></Frame>))
