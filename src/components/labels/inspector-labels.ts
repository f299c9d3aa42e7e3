import { mergeGroup, type RivuletLabels } from './labels.ts'

/**
 * The words of the development `StreamInspector` (`rivulet-ui/inspector`). Changed through
 * {@link RivuletLabels}' `inspector`, so one provider translates the panel with the chat; the
 * English words live here, imported only by the inspector, so apps without it never download them.
 * Functions receive values already formatted for the labels' `locale` (digits through
 * `Intl`); stream data in them (ids, codes, server messages, token text) is shown as it came.
 */
export interface InspectorLabels {
  /** Accessible names of the panel's sections and lists. */
  metrics: string
  timeline: string
  legend: string
  incidents: string
  rawFrames: string
  frames: string
  /** Names of the figures, keyed like the `data-metric` attribute of each value. */
  metric: {
    ttft: string
    tokensPerSecond: string
    duration: string
    events: string
    tokens: string
    bytes: string
    chunks: string
    retries: string
    reconnects: string
    stalls: string
    gaps: string
    commitsPerSecond: string
    commits: string
  }
  /** Shown when the whole response arrived in one read. */
  buffered: string
  /** A figure not measured yet. */
  unknown: string
  /** Units after a formatted number. */
  units: {
    ms: (value: string) => string
    seconds: (value: string) => string
    bytes: (value: string) => string
    kilobytes: (value: string) => string
    megabytes: (value: string) => string
  }
  /** Row names of the timeline, keyed by `TimelineLane`. */
  lanes: { wire: string; content: string; tools: string; faults: string }
  /** Legend names, keyed by `TimelineMarkKind`. */
  kinds: {
    request: string
    response: string
    chunk: string
    'keep-alive': string
    retry: string
    reconnect: string
    start: string
    token: string
    reasoning: string
    done: string
    tool: string
    status: string
    error: string
    gap: string
    stall: string
    stopped: string
  }
  /** The incidents list cut short. */
  moreIncidents: (count: string) => string
  /** The frames list cut short at the top. */
  hiddenFrames: (count: string) => string
  /** A long frame cut for display. */
  moreCharacters: (count: string) => string
  /** Tooltip and incident text of each timeline mark. */
  marks: {
    start: (streamId: string) => string
    /** `text` is a quoted snippet of the stream's own text. */
    token: (text: string) => string
    reasoning: (text: string) => string
    object: (text: string) => string
    toolStarted: (name: string) => string
    toolArguments: (text: string) => string
    toolArgumentsComplete: (id: string) => string
    toolProgress: (id: string) => string
    toolFailed: (id: string) => string
    toolResult: (id: string) => string
    toolApproval: (id: string) => string
    stepStarted: string
    stepFinished: string
    stepReset: string
    status: (message: string) => string
    error: (code: string, message: string) => string
    /** `reason` is the finish reason, or empty. */
    done: (reason: string) => string
    metadata: (keys: string) => string
    /** `id` is empty when the data part has none. */
    data: (name: string, id: string, transient: boolean) => string
    source: (title: string) => string
    citation: (sourceId: string) => string
    file: (mediaType: string) => string
    /** `kind` is `send`, `resume`…; `attempt` is 1-based and empty for the first. */
    request: (kind: string, attempt: string) => string
    response: (status: string) => string
    /** `size` is already formatted with its unit. */
    chunk: (size: string) => string
    comment: (text: string) => string
    /** `delay` is already formatted with its unit. */
    retry: (delay: string) => string
    reconnect: (lastEventId: string) => string
    failed: (code: string, message: string) => string
    stopped: string
    /** `from`/`to` are event numbers; equal when one event is missing. */
    gap: (from: string, to: string) => string
    /** `duration` is already formatted with its unit. */
    stall: (duration: string, open: boolean) => string
  }
}

/**
 * The inspector's English words.
 *
 * @example
 * defaultInspectorLabels.marks.retry('500 ms') // 'retry in 500 ms'
 */
export const defaultInspectorLabels: InspectorLabels = {
  metrics: 'Metrics',
  timeline: 'Timeline',
  legend: 'Legend',
  incidents: 'Incidents',
  rawFrames: 'Raw frames',
  frames: 'Frames',
  metric: {
    ttft: 'TTFT',
    tokensPerSecond: 'Tokens/s',
    duration: 'Duration',
    events: 'Events',
    tokens: 'Tokens',
    bytes: 'Bytes',
    chunks: 'Chunks',
    retries: 'Retries',
    reconnects: 'Reconnects',
    stalls: 'Stalls',
    gaps: 'Gaps',
    commitsPerSecond: 'Commits/s',
    commits: 'Commits',
  },
  buffered: 'The whole stream arrived in one read: something between the server and the browser buffers it.',
  unknown: '—',
  units: { ms: (v) => `${v} ms`, seconds: (v) => `${v} s`, bytes: (v) => `${v} B`, kilobytes: (v) => `${v} KB`, megabytes: (v) => `${v} MB` },
  lanes: { wire: 'Wire', content: 'Content', tools: 'Tools', faults: 'Faults' },
  kinds: {
    request: 'Request',
    response: 'Response',
    chunk: 'Chunk',
    'keep-alive': 'Keep-alive',
    retry: 'Retry',
    reconnect: 'Reconnect',
    start: 'Start',
    token: 'Token',
    reasoning: 'Reasoning',
    done: 'Done',
    tool: 'Tool event',
    status: 'Status',
    error: 'Error',
    gap: 'Seq gap',
    stall: 'Stall',
    stopped: 'Stopped',
  },
  moreIncidents: (count) => `and ${count} more`,
  hiddenFrames: (count) => `${count} earlier frames not shown`,
  moreCharacters: (count) => `(${count} more characters)`,
  marks: {
    start: (streamId) => `start ${streamId}`,
    token: (text) => `token ${text}`,
    reasoning: (text) => `reasoning ${text}`,
    object: (text) => `object ${text}`,
    toolStarted: (name) => `tool call ${name} started`,
    toolArguments: (text) => `tool arguments ${text}`,
    toolArgumentsComplete: (id) => `tool arguments complete (${id})`,
    toolProgress: (id) => `tool progress (${id})`,
    toolFailed: (id) => `tool failed (${id})`,
    toolResult: (id) => `tool result (${id})`,
    toolApproval: (id) => `tool approval requested (${id})`,
    stepStarted: 'step started',
    stepFinished: 'step finished',
    stepReset: 'step reset: its content was retracted',
    status: (message) => `status: ${message}`,
    error: (code, message) => `error ${code}: ${message}`,
    done: (reason) => (reason === '' ? 'done' : `done (${reason})`),
    metadata: (keys) => `metadata ${keys}`,
    data: (name, id, transient) => `data ${name}${id === '' ? '' : ` (${id})`}${transient ? ', transient' : ''}`,
    source: (title) => `source ${title}`,
    citation: (sourceId) => `citation of ${sourceId}`,
    file: (mediaType) => `file ${mediaType}`,
    request: (kind, attempt) => (attempt === '' ? `${kind} request` : `${kind} request, attempt ${attempt}`),
    response: (status) => `HTTP ${status}`,
    chunk: (size) => `chunk of ${size}`,
    comment: (text) => `comment ${text}`,
    retry: (delay) => `retry in ${delay}`,
    reconnect: (lastEventId) => `reconnect after event ${lastEventId}`,
    failed: (code, message) => `failed ${code}: ${message}`,
    stopped: 'stopped',
    gap: (from, to) => (from === to ? `event ${from} never arrived` : `events ${from}–${to} never arrived`),
    stall: (duration, open) => (open ? `no content for ${duration} (until the end)` : `no content for ${duration}`),
  },
}

/** Labels with the inspector's words complete: the overrides in `inspector` laid over English. */
export interface InspectorLabelsInEffect {
  locale: string
  inspector: InspectorLabels
}

// One result per labels object, so memoised panels keep still and a resolved object resolves to itself.
const inEffect = new WeakMap<object, InspectorLabelsInEffect>()

/**
 * The inspector's words in effect for `labels` (from `useLabels()`): what they change, over English.
 *
 * @example
 * inspectorLabelsInEffect(mergeLabels(defaultLabels, { inspector: { kinds: { token: 'Tok' } } })).inspector.kinds.stall // 'Stall'
 */
export function inspectorLabelsInEffect(labels: Pick<RivuletLabels, 'locale' | 'inspector'>): InspectorLabelsInEffect {
  const known = inEffect.get(labels)
  if (known) return known
  const overrides = labels.inspector
  const inspector = overrides === undefined ? defaultInspectorLabels : (mergeGroup(defaultInspectorLabels as unknown as Record<string, unknown>, overrides as Record<string, unknown>) as unknown as InspectorLabels)
  const resolved = { locale: labels.locale, inspector }
  inEffect.set(labels, resolved)
  inEffect.set(resolved, resolved)
  return resolved
}
