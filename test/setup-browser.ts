import { preloadLazyParts } from './support/preload-lazy-parts.ts'

// The markdown parser, the object engine… are lazy chunks; tests expect markdown from the first
// render and a submit's request at once, as an app whose chunks have landed gets them (a test of
// a loading state uses its own loader).
await preloadLazyParts()
