import type { ChatEvent } from '../../protocol/events.ts'
import { addNotice, beginContinuation, lastStepToolCalls, requestApproval, stepReadyToContinue } from '../agent/agent-turn.ts'
import { describeThrown, type ChatTool, type ChatTools } from '../agent/chat-tools.ts'
import type { ChatStore } from '../chat-store.ts'
import type { ChatMessage, ChatState, ToolCallPart } from '../state.ts'
import { locateToolCall, respondToToolApproval, setToolOutcome, type ToolApprovalResponse, type ToolOutcome } from '../tool-actions.ts'
import { isToolCallSettled } from '../tool-call-updates.ts'
import { setStatus, stopTurn } from '../turn.ts'

/** What `addToolResult` and `respondToApproval` report: `ok`, or the `problem` that refused it. */
export interface ToolActionOutcome {
  ok: boolean
  problem?: string
}

export interface AgentLoopOptions {
  store: ChatStore
  /** The browser tools now (they may change between renders). */
  tools: () => ChatTools | undefined
  /** Requests per turn, counting the first. */
  maxSteps: number
  /** Sends the next request of the turn (the same assistant message); resolves once it settled. */
  request: (messages: ChatMessage[]) => Promise<void>
  /** The turn is over (see `ChatCallbacks.onFinish`): once per turn, never for a stopped or failed one. */
  onTurnFinish?: (message: ChatMessage) => void
}

/** The client's agent loop: runs browser tools, asks for approvals, continues the turn. */
export interface AgentLoop {
  /** A new turn starts: the step count starts again at 1. */
  beginTurn(): void
  /** Runs a request of the turn, then whatever the loop does after it; resolves once settled or waiting for the user. */
  run(request: () => Promise<void>): Promise<void>
  /** Sees each applied event: a tool call whose input completed may start running at once. */
  onEvent(event: ChatEvent): void
  /**
   * The state right after a step's `done`, adjusted: when that step asked for tools and the
   * loop goes on by itself (a browser tool runs, or every call is answered and a step is left),
   * the status stays `streaming` instead of flickering `ready` before the tool phase or the
   * next step. The finished stream's id is dropped (nothing is left to resume or stop there).
   */
  holdStep(state: ChatState): ChatState
  /** The current step's number in its turn, counting from 1. */
  step(): number
  addToolResult(outcome: ToolOutcome): ToolActionOutcome
  respondToApproval(response: ToolApprovalResponse): ToolActionOutcome
  /** Aborts running tools (their calls end as stopped) and any continuation; the turn is marked stopped if it is still busy. */
  stop(): void
  /** Like `stop`, without marking the turn (a new send, retry or destroy replaces it). */
  abort(): void
}

const STOPPED_TEXT = 'Stopped before the tool finished.'

/**
 * Drives the agent loop on the client. Each browser tool call runs once (calls are tracked by
 * id, so re-renders, StrictMode and replayed events after a resume never run one twice); its
 * result or error lands in the call. When the turn's last step asked for tools and every call
 * of that step has its outcome (from `execute`, `addToolResult`, the server, or a denial), the
 * next request goes out with the whole history, into the same assistant message, up to
 * `maxSteps` requests; then a notice says why it stopped. A call nobody can run waits (status
 * `ready`, nothing sent) for `addToolResult`.
 *
 * The status model of a turn: `submitted` from each request until its first event,
 * `streaming` while a step streams and while the client itself has work (a browser tool runs,
 * a continuation is about to go out), `ready` only when the turn is over or waits for the user
 * (an approval, an `addToolResult`), `error` when a request failed. Between steps it never
 * passes through `ready`: `holdStep` keeps the step's `done` at `streaming`.
 */
export function createAgentLoop(options: AgentLoopOptions): AgentLoop {
  const { store } = options
  /** Calls whose tool was started (or asked for approval): never again. */
  const handled = new Set<string>()
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>()
  let steps = 1
  /** Whether a request of this client is in flight (the runner owns the status then). */
  let requesting = false
  let pumping: Promise<void> | undefined
  let again = false
  /** Bumped by stop: a pump or a tool from before it must not write. */
  let epoch = 0
  /** The loop set status `streaming` while tools run, and must hand it back. */
  let ownStatus = false
  /** `maxSteps` ended this turn's loop (the turn is over although it asked for tools). */
  let limitReached = false
  /** `onTurnFinish` already fired for this turn (a later look at the same state must not repeat it). */
  let finishReported = false

  const toolFor = (call: ToolCallPart): ChatTool | undefined => {
    const tools = options.tools()
    return tools && Object.hasOwn(tools, call.name) ? tools[call.name] : undefined
  }
  const serverRuns = (call: ToolCallPart) => toolFor(call)?.execute === undefined

  function currentMessage(state: ChatState): ChatMessage | undefined {
    const id = state.stream?.messageId
    return id === undefined ? undefined : state.messages.find((m) => m.id === id)
  }

  /** Starts what a call needs from the client: an approval question, or its `execute`. */
  function handle(call: ToolCallPart) {
    if (handled.has(call.id)) return
    const tool = toolFor(call)
    if (tool?.execute === undefined) return
    if (call.state === 'approval-responded' && call.approval?.approved) return execute(call, tool)
    if (call.state !== 'input-available') return
    const argsProblem = invalidArguments(call)
    if (argsProblem !== undefined) {
      handled.add(call.id)
      store.update((state) => setToolOutcome(state, { toolCallId: call.id, errorText: argsProblem }).state)
      return
    }
    if (tool.needsApproval === undefined || tool.needsApproval === false) return execute(call, tool)
    handled.add(call.id)
    const { needsApproval } = tool
    track(call.id, new AbortController(), async (signal) => {
      const ask = typeof needsApproval === 'function' ? await needsApproval(call.args) : needsApproval
      if (signal.aborted) return
      if (ask) store.update((state) => requestApproval(state, call.id))
      else {
        handled.delete(call.id)
        const now = locateToolCall(store.getState(), call.id)?.part
        if (now) queueMicrotask(() => handle(now))
      }
    })
  }

  function execute(call: ToolCallPart, tool: ChatTool) {
    handled.add(call.id)
    const run = tool.execute!
    track(call.id, new AbortController(), async (signal) => {
      let outcome: ToolOutcome
      try {
        outcome = { toolCallId: call.id, output: await run(call.args, { toolCallId: call.id, signal }) }
      } catch (error) {
        outcome = { toolCallId: call.id, errorText: describeThrown(error) }
      }
      if (signal.aborted) return
      store.update((state) => setToolOutcome(state, outcome).state)
    })
  }

  function track(id: string, controller: AbortController, work: (signal: AbortSignal) => Promise<void>) {
    const done = work(controller.signal)
      .catch(() => {})
      .finally(() => {
        running.delete(id)
        if (!requesting) void kick()
      })
    running.set(id, { controller, done })
  }

  function kick(): Promise<void> {
    if (pumping) {
      again = true
      return pumping
    }
    pumping = pump().finally(() => (pumping = undefined))
    return pumping
  }

  /** After a request: run tools, wait for them, continue while the step is answered. */
  async function pump() {
    const mine = epoch
    do {
      again = false
      for (;;) {
        if (mine !== epoch) return
        const message = currentMessage(store.getState())
        if (message === undefined || message.role !== 'assistant') return
        if (message.finishReason === 'tool-calls') for (const call of lastStepToolCalls(message)) handle(call)
        if (running.size > 0) {
          if (!isBusy(store.getState())) {
            ownStatus = true
            store.update((state) => setStatus(state, 'streaming'))
          }
          await Promise.all(Array.from(running.values(), (entry) => entry.done))
          continue
        }
        const latest = currentMessage(store.getState())
        if (latest === undefined || !stepReadyToContinue(latest, serverRuns)) break
        if (steps >= options.maxSteps) {
          limitReached = true
          handOverStatus()
          store.update((state) => addNotice(state, latest.id, `Stopped after ${steps} steps: the step limit (maxSteps: ${options.maxSteps}) was reached.`))
          break
        }
        steps++
        ownStatus = false
        finishReported = false
        const messages = store.getState().messages
        store.update((state) => beginContinuation(state, latest.id))
        requesting = true
        try {
          await options.request(messages)
        } finally {
          requesting = false
        }
      }
      handOverStatus()
    } while (again && mine === epoch)
    if (mine === epoch && !requesting) reportFinish()
  }

  /** Fires `onTurnFinish` when the turn is over: the last step ended and nothing is left to do or wait for. */
  function reportFinish() {
    if (finishReported || running.size > 0) return
    const state = store.getState()
    const message = currentMessage(state)
    if (state.status !== 'ready' || message?.role !== 'assistant' || message.finishReason === undefined) return
    if (message.finishReason === 'tool-calls' && !limitReached && lastStepToolCalls(message).some((call) => !isToolCallSettled(call))) return
    finishReported = true
    options.onTurnFinish?.(message)
  }

  /** Whether the loop goes on by itself after this step: a browser tool runs or will, or the next step is due. */
  function goesOn(message: ChatMessage): boolean {
    if (message.finishReason !== 'tool-calls') return false
    if (running.size > 0) return true
    for (const call of lastStepToolCalls(message)) {
      if (handled.has(call.id)) continue
      const tool = toolFor(call)
      if (tool?.execute === undefined) continue
      if (call.state === 'approval-responded' && call.approval?.approved) return true
      if (call.state === 'input-available' && tool.needsApproval !== true) return true
    }
    return steps < options.maxSteps && stepReadyToContinue(message, serverRuns)
  }

  function handOverStatus() {
    if (!ownStatus) return
    ownStatus = false
    store.update((state) => (state.status === 'streaming' ? setStatus(state, 'ready') : state))
  }

  /** Applies a user action to the state; on success the loop looks again (it may continue now). */
  function act(action: (state: ChatState) => { state: ChatState; problem?: string }, before?: () => void): ToolActionOutcome {
    let problem: string | undefined
    let changed = false
    store.update((state) => {
      const result = action(state)
      problem = result.problem
      changed = result.state !== state
      return result.state
    })
    if (changed) {
      before?.()
      if (!requesting) void kick()
    }
    return problem === undefined ? { ok: true } : { ok: false, problem }
  }

  return {
    beginTurn() {
      steps = 1
      limitReached = false
    },
    step: () => steps,
    holdStep(state) {
      const message = currentMessage(state)
      if (state.status !== 'ready' || state.stream === undefined || message === undefined || !goesOn(message)) return state
      ownStatus = true
      return { ...state, status: 'streaming', stream: { ...state.stream, streamId: undefined } }
    },
    async run(request) {
      const mine = epoch
      finishReported = false
      requesting = true
      try {
        await request()
      } finally {
        requesting = false
      }
      if (mine === epoch) await kick()
    },
    onEvent(event) {
      if (event.type !== 'tool_call_end' && event.type !== 'tool_approval_request') return
      if (options.tools() === undefined) return
      const call = locateToolCall(store.getState(), event.id)?.part
      // A browser tool starts as soon as its input is complete, while the model still streams.
      if (call && !isToolCallSettled(call)) handle(call)
    },
    addToolResult(outcome) {
      return act((state) => setToolOutcome(state, outcome))
    },
    respondToApproval(response) {
      // An approved browser tool runs now: the approval question no longer blocks it.
      return act(
        (state) => respondToToolApproval(state, response),
        () => handled.delete(response.toolCallId),
      )
    },
    stop() {
      abort()
      store.update((state) => (isBusy(state) && !requesting ? stopTurn(state) : state))
    },
    abort,
  }

  function abort() {
      epoch++
      again = false
      for (const [id, entry] of running) {
        entry.controller.abort()
        store.update((state) => {
          const call = locateToolCall(state, id)?.part
          return call && !isToolCallSettled(call) && call.state !== 'approval-requested' ? setToolOutcome(state, { toolCallId: id, errorText: STOPPED_TEXT }).state : state
        })
      }
      running.clear()
      ownStatus = false
      // A stopped or replaced turn is not a finished one.
      finishReported = true
  }
}

function isBusy(state: ChatState): boolean {
  return state.status === 'submitted' || state.status === 'streaming' || state.status === 'reconnecting'
}

/** Arguments the model ended with that are not JSON: the tool is not run with a guess. */
function invalidArguments(call: ToolCallPart): string | undefined {
  if (call.argsText.trim() === '') return undefined
  try {
    JSON.parse(call.argsText)
    return undefined
  } catch (error) {
    return `The model sent arguments that are not valid JSON, so ${call.name} was not run (${describeThrown(error)}).`
  }
}
