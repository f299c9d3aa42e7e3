import type { Decorator, Preview } from '@storybook/react-vite'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { configure } from 'storybook/test'
import '../src/styles.css'
import { preloadMarkdown } from '../src/components/lazy/markdown-pipeline-chunk.ts'
import { preloadMessageParts } from '../src/components/lazy/message-extras-chunk.ts'
import { preloadChatEngine } from '../src/core/client/chat-engine-chunk.ts'
import { preloadThreadSync } from '../src/core/persistence/lazy-thread-sync.ts'
import { preloadBranches } from '../src/core/branches/branch-chunk.ts'
import { checkPseudoLocale, withSwitchableLabels } from './pseudo-locale.tsx'

// Plays wait up to 5 s (not Testing Library's 1 s) for what a story shows after a lazy chunk lands
// (the attachment kit, the image viewer, tool renderers): on a 2-core CI machine running the
// browser projects in parallel a chunk can take over a second, and a play that gives up then
// reports a missing element, not a slow one. Assertions are unchanged; only the waiting is longer.
configure({ asyncUtilTimeout: 5_000 })

/** Every story can be seen light or dark from the toolbar; `parameters.theme` pins one. */
const withTheme: Decorator = (Story, context) => {
  const theme = (context.parameters.theme as string | undefined) ?? (context.globals.theme as string | undefined) ?? 'light'
  return (
    <div
      data-theme={theme}
      style={{
        // The theme styles only Rivulet's elements; this wrapper picks its side of the palette itself.
        colorScheme: theme === 'dark' ? 'dark' : 'light',
        background: theme === 'dark' ? 'var(--rivulet-dark-bg)' : 'var(--rivulet-bg)',
        color: theme === 'dark' ? 'var(--rivulet-dark-fg)' : 'var(--rivulet-fg)',
        fontFamily: 'var(--rivulet-font)',
        padding: 16,
        minHeight: '100vh',
      }}
    >
      <Story />
    </div>
  )
}

const preview: Preview = {
  loaders: [
    // The markdown pipeline, the parts only some messages show (files, tool call bodies,
    // errors, the action bar) and the chat client's engine are lazy chunks: every story (and
    // its screenshot) shows them from its first frame and answers its first send at once, as
    // an app does once the chunks have landed (a story's play would otherwise race the dev
    // server compiling the engine on first use).
    async () => {
      await Promise.all([preloadMarkdown(), preloadMessageParts(), preloadChatEngine(), preloadThreadSync(), preloadBranches()])
      return {}
    },
    // Starts the MSW worker; stories register their own streams in `beforeEach({ msw })`.
    mswLoader(async () => {
      const worker = setupWorker()
      // Stories load fixtures through Vite; only the chat endpoints they mock are MSW's business.
      await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
      return worker
    }),
  ],
  decorators: [withSwitchableLabels, withTheme],
  afterEach: checkPseudoLocale,
  globalTypes: {
    theme: {
      description: 'Colour theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    // axe runs after every story's play function; a violation fails the story's test.
    a11y: { test: 'error' },
    layout: 'fullscreen',
    controls: { expanded: true },
  },
}

export default preview
