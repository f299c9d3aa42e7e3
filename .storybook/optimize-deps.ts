/**
 * Pre-bundled up front: if Vite discovers these mid-run (the first run on a fresh clone, as in
 * CI), it reloads the page and two copies of React end up in one test.
 */
export const optimizeDepsInclude = [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-markdown',
  'remark-gfm',
  'mdast-util-gfm',
  'micromark-extension-gfm',
  'partial-json',
  'zod',
  'msw',
  'msw/browser',
  'shiki/core',
  'shiki/engine/javascript',
  'shiki/themes/github-light-default.mjs',
  'shiki/themes/github-dark-default.mjs',
  'shiki/langs/typescript.mjs',
  '@testing-library/react',
  '@testing-library/user-event',
]
