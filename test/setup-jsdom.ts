import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'
import { preloadLazyParts } from './support/preload-lazy-parts.ts'

// The markdown parser, the object engine… are lazy chunks; tests expect markdown from the first
// render and a submit's request at once, as an app whose chunks have landed gets them (a test of
// a loading state uses its own loader).
await preloadLazyParts()

// findBy/waitFor give up after 1 s by default; a lazy chunk's first import on a loaded 2-core CI
// machine can take longer (CI once failed on the image viewer's). A real hang still fails.
configure({ asyncUtilTimeout: 5_000 })

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup())
