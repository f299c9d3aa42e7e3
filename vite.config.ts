/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { optimizeDepsInclude } from './.storybook/optimize-deps.ts'
import { chromiumArgs, chromiumExecutable } from './test/chromium.ts'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * The React 18.3 run: `test/react18` is a package of its own (React 18.3 and the Testing
 * Library packages that import React), installed by `npm test`'s pretest step. These aliases
 * point every import of them at that copy, so one test sees one React.
 */
const react18 = {
  alias: [
    {
      find: /^(react|react-dom|@testing-library\/(?:react|dom|user-event))(\/.*)?$/,
      replacement: `${root}test/react18/node_modules/$1$2`,
    },
  ],
}

/** Tests that render React (components, hooks, React-driven browser tests): run on 18.3 as well as 19. */
const reactUnitTests = ['src/**/*.test.tsx', 'src/react/**/*.test.ts', 'test/**/*.test.tsx']
const reactBrowserTests = ['src/**/*.browser.test.tsx', 'test/browser/**/*.browser.test.{ts,tsx}']

/** Each browser project gets its own config object: Vitest mutates them. */
function chromium() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({
      launchOptions: {
        executablePath: chromiumExecutable,
        // Precise heap figures and gc() for the leak tests.
        args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
      },
    }),
    instances: [{ browser: 'chromium' as const }],
  }
}

/** Library entry points, one per subpath export. */
const entries = {
  index: 'src/index.ts',
  protocol: 'src/protocol/index.ts',
  core: 'src/core/index.ts',
  mocks: 'src/mocks/index.ts',
  server: 'src/server/index.ts',
  'server/redis': 'src/server/redis/index.ts',
  'cli/record': 'src/cli/record.ts',
  inspector: 'src/inspector.ts',
}

export default defineConfig({
  plugins: [react()],
  optimizeDeps: { include: optimizeDepsInclude },
  publicDir: 'public',
  // A file the build emits (the highlight worker's script) is referenced relative to the chunk
  // that loads it, not from a site root: the package works wherever it is installed, and a
  // consumer's bundler finds the worker through `new Worker(new URL('assets/…', import.meta.url))`.
  experimental: { renderBuiltUrl: (_file, { hostType }) => (hostType === 'js' ? { relative: true } : undefined) },
  build: {
    copyPublicDir: false,
    sourcemap: true,
    lib: { entry: entries, formats: ['es'] },
    rolldownOptions: {
      // One file per source module, as the sources are: an app's bundler then sees the library's
      // own module graph, so it splits the lazy parts (decoders, markdown, message extras) off the
      // first paint and drops what the app does not import. Shared chunks made here had merged
      // lazy modules into the ones every entry imports (a <Chat> app shipped 50.5 KB of our code
      // at its first paint instead of 25).
      output: { preserveModules: true, preserveModulesRoot: 'src' },
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^shiki($|\/)/, /^@shikijs\//, 'react-markdown', 'remark-gfm', 'mdast-util-gfm', 'micromark-extension-gfm', 'partial-json', /^msw($|\/)/, /^redis($|\/)/, /^@redis\//, /^node:/],
    },
  },
  test: {
    // Generous bounds: CI is a shared 2-core machine, and a few tests stream 285 KB byte by
    // byte. A real hang still fails; nothing asserts wall-clock speed.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.{ts,tsx}', '**/node_modules/**'],
          setupFiles: ['test/setup-jsdom.ts'],
          provide: { reactMajor: '19' },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}'],
          setupFiles: ['test/setup-browser.ts'],
          browser: {
            ...chromium(),
            // Visual regression baselines (test/visual) are committed next to their test.
            expect: { toMatchScreenshot: { resolveScreenshotPath: ({ arg, ext, root }) => `${root}/test/visual/baselines/${arg}${ext}` } },
          },
          provide: { reactMajor: '19' },
        },
      },
      {
        extends: true,
        resolve: react18,
        test: {
          name: 'unit-react18',
          environment: 'jsdom',
          include: reactUnitTests,
          exclude: ['**/*.browser.test.{ts,tsx}', '**/node_modules/**'],
          setupFiles: ['test/react18/check-installed.ts', 'test/setup-jsdom.ts'],
          // Node would load react-markdown's own `react/jsx-runtime` (19); through Vite it gets the alias.
          server: { deps: { inline: ['react-markdown'] } },
          provide: { reactMajor: '18' },
        },
      },
      {
        extends: true,
        resolve: react18,
        // Pre-bundled deps of its own: the 19 bundles must never be reused here.
        cacheDir: 'node_modules/.vite-react18',
        test: {
          name: 'browser-react18',
          include: reactBrowserTests,
          setupFiles: ['test/setup-browser.ts'],
          browser: chromium(),
          provide: { reactMajor: '18' },
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: `${root}.storybook` })],
        test: {
          name: 'storybook',
          testTimeout: 60_000,
          browser: chromium(),
        },
      },
    ],
  },
})
