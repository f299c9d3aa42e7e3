import type { StorybookConfig } from '@storybook/react-vite'
import { optimizeDepsInclude } from './optimize-deps.ts'

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest', '@storybook/addon-a11y', 'msw-storybook-addon'],
  framework: { name: '@storybook/react-vite', options: {} },
  // The MSW service worker lives in public/ and is served only to Storybook, never packaged.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  // The same pre-bundling as the tests, so the first load never reloads mid-story.
  async viteFinal(config) {
    config.optimizeDeps = { ...config.optimizeDeps, include: [...(config.optimizeDeps?.include ?? []), ...optimizeDepsInclude] }
    return config
  },
}

export default config
