/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { optimizeDepsInclude } from './.storybook/optimize-deps.ts'
import { chromiumArgs, chromiumExecutable } from './test/chromium.ts'

const root = fileURLToPath(new URL('.', import.meta.url))

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
  build: {
    copyPublicDir: false,
    sourcemap: true,
    lib: { entry: entries, formats: ['es'] },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^shiki($|\/)/, /^@shikijs\//, 'react-markdown', 'remark-gfm', 'partial-json', /^msw($|\/)/, /^redis($|\/)/, /^@redis\//, /^node:/],
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
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}'],
          browser: chromium(),
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
