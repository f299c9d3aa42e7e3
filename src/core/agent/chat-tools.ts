/** What a browser tool's `execute` is given besides its arguments. */
export interface ToolExecuteContext {
  /** The call being run (the id results are matched by). */
  toolCallId: string
  /** Aborted when the user stops the turn (or the chat is destroyed): stop work and return. */
  signal: AbortSignal
}

/**
 * One tool as the client knows it. With `execute` it runs in the browser when the model calls
 * it; without, the call waits for `addToolResult` (a form, a confirmation in your UI).
 */
export interface ChatTool<Args = any, Result = unknown> {
  /** Runs the tool. Its result (JSON-serialisable) goes into the call and back to the model; a throw becomes `output-error`. */
  execute?: (args: Args, context: ToolExecuteContext) => Result | Promise<Result>
  /** Ask the user first (`true`, or decide from the arguments); `respondToApproval` answers. */
  needsApproval?: boolean | ((args: Args) => boolean | Promise<boolean>)
}

/** The browser tools by name, as the model calls them. */
export type ChatTools = Record<string, ChatTool>

/**
 * Describes an `execute` failure for the card and the model: the error's message, else the
 * thrown value as text.
 *
 * @example
 * describeThrown(new Error('GPS off')) // 'GPS off'
 */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}
