import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { preloadMarkdown } from '../src/components/markdown/markdown-loader.ts'

// The markdown parser is a lazy chunk; tests expect markdown from the first render, as an app
// whose chunk has landed gets it (a test of the loading state uses its own loader).
await preloadMarkdown()

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup())
