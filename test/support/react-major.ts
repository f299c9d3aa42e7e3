import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The React major version a test project is meant to run ('18' or '19'), set in vite.config.ts. */
    reactMajor: string
  }
}

/** The React major version this Vitest project is configured for. */
export function expectedReactMajor(): string {
  return inject('reactMajor')
}
