import type { PartialJsonError } from './partial-json-error.ts'

export interface PartialJsonParserOptions {
  /**
   * Deepest nesting accepted; deeper text is an error (`kind: 'depth'`) instead of a value no
   * renderer or validator could walk without running out of stack.
   * @default 1000
   */
  maxDepth?: number
}

/** An incremental JSON parser for text that arrives in pieces (see {@link createPartialJsonParser}). */
export interface PartialJsonParser {
  /** Reads more text. Costs O(text.length): nothing read before is read again. Ignored after an error. */
  append(text: string): void
  /**
   * The value described so far, or `undefined` before anything shows. Built only when asked,
   * and only where something changed since the last call: untouched subtrees keep their identity.
   */
  value(): unknown
  /** The text is over: finishes a trailing number, or records an `incomplete` error. */
  end(): void
  /** Why the text cannot be JSON; the value stays as it was just before. */
  readonly error: PartialJsonError | undefined
  /** The top-level value is closed (only whitespace may follow). */
  readonly complete: boolean
  /** Characters read so far. */
  readonly length: number
}
