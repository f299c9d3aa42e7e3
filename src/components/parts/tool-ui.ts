import type { ComponentType } from 'react'
import type { ChatTool } from '../../core/agent/chat-tools.ts'
import type { ToolActionOutcome } from '../../core/client/agent-loop.ts'
import type { DeepPartial } from '../../core/object/object-state.ts'
import type { ToolApproval, ToolCallPart, ToolCallState } from '../../core/state.ts'

/** What a tool's own component is given: the call as it is now, and ways to answer it. */
export interface ToolRenderProps<Args = unknown, Result = unknown, Metadata = unknown> {
  /** The call as the chat state holds it (`argsText`, `preliminary`…), for anything not lifted below. */
  part: ToolCallPart
  toolCallId: string
  name: string
  /** `input-streaming → input-available → [approval-requested → approval-responded] → output-available | output-error | output-denied`. */
  state: ToolCallState
  /**
   * The arguments parsed so far: while `state` is `input-streaming` any field may be missing
   * and strings may be cut short. `undefined` before the first fragment.
   */
  args: DeepPartial<Args> | undefined
  /** The tool's result once `state` is `output-available` (progress while `preliminary`). */
  result: Result | undefined
  /** Why it failed or was denied (`output-error`, `output-denied`). */
  errorText: string | undefined
  /** `result` is progress of a generator tool: a later one replaces it. */
  preliminary: boolean
  /** The user's answer once an approval was requested and given. */
  approval: ToolApproval | undefined
  /** The turn is over and nobody runs this call: it waits for `addToolResult` from your UI. */
  waiting: boolean
  /** Answers this call's approval request; `ok: false` with the `problem` when it is refused. */
  respondToApproval: (response: { approved: boolean; reason?: string }) => ToolActionOutcome
  /** Gives this call its outcome (a form, a confirmation in your component); refused once it has one. */
  addToolResult: (outcome: { output: Result } | { errorText: string }) => ToolActionOutcome
  /** The message's metadata (model, token counts… as your server sends them). */
  metadata: Metadata | undefined
}

/**
 * One tool as the UI knows it: the client's `execute`/`needsApproval` (see `ChatTool`) plus
 * `render`, the app's own component for its calls. A tool with only `render` runs on the
 * server (or waits for `addToolResult`), exactly like an unregistered one.
 */
export interface ToolUI<Args = any, Result = any, Metadata = any> extends ChatTool<Args, Result> {
  /**
   * Shown in place of the tool call card, from the first argument fragment on. Define it
   * outside your component (a new function each render would remount it).
   */
  render?: ComponentType<ToolRenderProps<Args, Result, Metadata>>
}

/** Tools by the name the model calls them: `{ get_weather: { render: WeatherCard, execute? } }`. */
export type ToolUIs = Record<string, ToolUI>

/**
 * Types a tool definition from its argument and result types, so `render`'s props (`args`,
 * `result`, `addToolResult`) and `execute` are checked against them. Without type arguments
 * they are inferred from `execute`. Returns the definition unchanged.
 *
 * @example
 * const weather = defineToolUI<{ city: string }, { tempC: number }>({
 *   render: ({ args, result }) => <p>{args?.city}: {result?.tempC ?? '…'} °C</p>,
 * })
 * <Chat api="/api/chat" tools={{ get_weather: weather }} />
 */
export function defineToolUI<Args = unknown, Result = unknown, Metadata = unknown>(definition: ToolUI<Args, Result, Metadata>): ToolUI<Args, Result, Metadata> {
  return definition
}

/**
 * The component registered under `name`, ignoring inherited keys (a tool called `constructor`
 * or `toString` must not find `Object.prototype`'s).
 *
 * @example
 * registeredRenderer({ get_weather: { render: WeatherCard } }, 'get_weather') // WeatherCard
 */
export function registeredRenderer<T>(registry: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return registry !== undefined && Object.hasOwn(registry, name) ? registry[name] : undefined
}

/** Whether any tool does something in the client (`execute` or `needsApproval`), not only `render`. */
export function hasClientBehaviour(tools: ToolUIs | undefined): boolean {
  if (tools === undefined) return false
  return Object.values(tools).some((tool) => tool !== undefined && (tool.execute !== undefined || tool.needsApproval !== undefined))
}
