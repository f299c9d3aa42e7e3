import type { ChatErrorCode } from '../../protocol/events.ts'
import { defaultToolCallLabels, type ToolCallLabels } from '../tool-call/tool-call-labels.ts'
import type { InspectorLabels } from './inspector-labels.ts'

/**
 * Every word Rivulet's components show or announce. Strings are used as they are; functions
 * receive values already formatted for `locale` with `Intl` (digits, units, plurals), so a
 * translation only places them: `thoughtFor: (d) => \`${d} nachgedacht\``.
 *
 * Override any part through `<LabelsProvider labels={…}>` or `<Chat labels={…}>`; what you
 * leave out stays English.
 */
export interface RivuletLabels {
  /** BCP 47 tag used for numbers and durations. */
  locale: string
  /** Accessible name of the message log. */
  conversation: string
  jumpToLatest: string
  /** What screen readers hear while the answer has not started. */
  typing: string
  /** Who wrote a message, shown above it with `<Chat avatars>`. */
  roles: {
    user: string
    assistant: string
    system: string
  }
  composer: {
    /** Accessible name of the text box. */
    input: string
    placeholder: string
    send: string
    stop: string
  }
  /** One line per error code, above the server's own message. */
  errors: Record<Exclude<ChatErrorCode, 'rate_limited' | 'http'>, string> & {
    rateLimited: string
    /** `seconds` is the live countdown, formatted. */
    rateLimitedWait: (seconds: string) => string
    rateLimitedReady: string
    http: string
    httpStatus: (status: string) => string
    /** A code this version does not know (a newer server). */
    unknown: string
    /** A reload found the answer's stream but could not pick it up again. */
    resumeFailed: string
    /** Summary of the disclosure that holds the server's own (technical) message. */
    details: string
  }
  retry: string
  continue: string
  reasoning: {
    thinking: string
    /** `duration` like "4 seconds" or "1 minute 5 seconds", in `locale`. */
    thoughtFor: (duration: string) => string
    /** When the duration is unknown (a restored thread). */
    thoughtBriefly: string
  }
  toolCall: {
    states: ToolCallLabels
    /** Shown before the tool's name arrives. */
    unnamed: string
    /** Heading of the card's arguments section. */
    arguments: string
    /** Heading of the card's result (or error) section. */
    result: string
    approve: string
    deny: string
    /** A call nobody is running: it waits for an answer from the app (`addToolResult`). */
    waiting: string
    /** Names the Approve/Deny group for screen readers. */
    approvalPrompt: (toolName: string) => string
    /** The decision shown after a denial, with the reason when there is one. */
    deniedBecause: (reason: string) => string
    /** Opens the field for a reason told to the model with the denial. */
    denyWithReason: string
    /** Accessible name of that field. */
    denyReason: string
    denyReasonPlaceholder: string
    /** Closes the reason field without answering. */
    cancel: string
  }
  copy: {
    button: string
    /** Accessible name of a code block's copy button. */
    code: string
    copied: string
    failed: string
  }
  markdown: {
    /** `host` of an image that was not allowed to load. */
    imageBlocked: (host: string) => string
    taskDone: string
    taskNotDone: string
  }
  actions: {
    /** Accessible name of a message's action bar. */
    label: string
    copyMarkdown: string
    copyText: string
    regenerate: string
    edit: string
    /** Accessible name of the inline editor. */
    editInput: string
    save: string
    cancel: string
    feedbackUp: string
    feedbackDown: string
  }
  branches: {
    /** Accessible name of the picker. */
    label: string
    previous: string
    next: string
    /** `index` is 1-based, both formatted: "2 / 3". */
    position: (index: string, count: string) => string
  }
  threads: {
    label: string
    new: string
    rename: string
    delete: string
    /** Accessible name of the title field while renaming. */
    titleInput: string
    untitled: string
    save: string
    cancel: string
  }
  attachments: {
    add: string
    remove: (name: string) => string
    /** `limit` formatted with its unit ("5 MB"). */
    tooLarge: (name: string, limit: string) => string
    tooMany: (max: string) => string
    typeNotAllowed: (name: string) => string
    /** Accessible name of the list of files waiting to be sent. */
    list: string
    /** Shown on a preview while its file uploads; `percent` formatted ("42 %") or empty when unknown. */
    uploading: (percent: string) => string
    /** Why Send waits, in the composer's notice: a file's upload (or reading) failed; nothing is sent until it is retried or removed. */
    uploadFailed: (name: string) => string
    /** On the failed file's own preview, under its name (so the name is not repeated). */
    failed: string
    /** Accessible name of a failed preview's retry button. */
    retry: (name: string) => string
    /** Why Send waits: a file is still uploading or failed. */
    waiting: string
    /** Shown over the composer while files are dragged onto it. */
    dropHere: string
  }
  /** File parts on messages (attachments and files the assistant made). */
  files: {
    /** Accessible name of a download chip. */
    download: (name: string) => string
    /** Accessible name of an image's button that opens the viewer. */
    enlarge: (name: string) => string
    /** The viewer's close button. */
    close: string
    /** A file that cannot be shown safely (HTML, SVG, a script URL…). */
    unavailable: (name: string) => string
    /** An image whose host is not allowed. */
    imageBlocked: (host: string) => string
    /** Caption of a generated image still being made (a partial preview). */
    generating: string
  }
  parts: {
    /** A part whose own component (a tool's `render`, a data renderer) failed; `name` is the tool's or data's name. */
    failed: (name: string) => string
    /** Heading of the numbered list of sources under an answer. */
    sources: string
    /** A source without a title: its host, else its number. */
    untitledSource: (index: string) => string
    /** Accessible name of an inline citation marker ("Source 2: Rivers of Europe"). */
    citation: (index: string, title: string) => string
    /** A part whose code (loaded after the page's first paint) could not be loaded; a Retry button follows. */
    loadFailed: string
  }
  persistence: {
    /** The thread could not be saved because the storage is full; it is still open. */
    storageFull: string
    storageUnavailable: string
    loadFailed: string
    /** A damaged thread was opened without the messages that could not be read (each shown as an error in its place). */
    partlyLoaded: string
    tooNew: string
  }
  /**
   * Changes to the words of the development `StreamInspector` (`rivulet-ui/inspector`). Its
   * English words come with the inspector's own entry, not with every app's first download:
   * what you leave out stays English there.
   */
  inspector?: DeepPartial<InspectorLabels>
}

/**
 * The English labels every component falls back to.
 *
 * @example
 * defaultLabels.errors.httpStatus('404') // 'Request failed (HTTP 404)'
 */
export const defaultLabels: RivuletLabels = {
  locale: 'en',
  conversation: 'Conversation',
  jumpToLatest: 'Jump to latest',
  typing: 'Assistant is typing',
  roles: { user: 'You', assistant: 'Assistant', system: 'System' },
  composer: { input: 'Message', placeholder: 'Send a message', send: 'Send', stop: 'Stop' },
  errors: {
    rateLimited: 'Rate limited — try again in a moment',
    rateLimitedWait: (seconds) => `Rate limited — retrying is possible in ${seconds} s`,
    rateLimitedReady: 'Rate limited — you can retry now',
    context_length: 'The conversation is too long for the model',
    content_filter: 'The response was stopped by the content filter',
    upstream_error: 'The model provider had a problem',
    timeout: 'The response timed out',
    network: 'Connection lost',
    protocol: 'The server sent something Rivulet could not read',
    http: 'Request failed',
    httpStatus: (status) => `Request failed (HTTP ${status})`,
    unknown: 'Something went wrong',
    resumeFailed: 'Could not resume the answer',
    details: 'Details',
  },
  retry: 'Retry',
  continue: 'Continue',
  reasoning: {
    thinking: 'Thinking…',
    thoughtFor: (duration) => `Thought for ${duration}`,
    thoughtBriefly: 'Thought for a few seconds',
  },
  toolCall: {
    states: defaultToolCallLabels,
    unnamed: 'Tool',
    arguments: 'Arguments',
    result: 'Result',
    approve: 'Approve',
    deny: 'Deny',
    waiting: 'Waiting for result',
    approvalPrompt: (toolName) => `Allow ${toolName} to run?`,
    deniedBecause: (reason) => `Denied: ${reason}`,
    denyWithReason: 'Deny with reason…',
    denyReason: 'Why not? (told to the model)',
    denyReasonPlaceholder: 'Optional reason',
    cancel: 'Cancel',
  },
  copy: { button: 'Copy', code: 'Copy code', copied: 'Copied', failed: 'Copy failed' },
  markdown: { imageBlocked: (host) => `Image blocked: ${host}`, taskDone: 'Done', taskNotDone: 'Not done' },
  actions: {
    label: 'Message actions',
    copyMarkdown: 'Copy as Markdown',
    copyText: 'Copy as plain text',
    regenerate: 'Regenerate',
    edit: 'Edit',
    editInput: 'Edit message',
    save: 'Save',
    cancel: 'Cancel',
    feedbackUp: 'Good response',
    feedbackDown: 'Bad response',
  },
  branches: { label: 'Alternatives', previous: 'Previous alternative', next: 'Next alternative', position: (index, count) => `${index} / ${count}` },
  threads: { label: 'Threads', new: 'New thread', rename: 'Rename', delete: 'Delete', titleInput: 'Thread title', untitled: 'Untitled', save: 'Save', cancel: 'Cancel' },
  attachments: {
    add: 'Attach files',
    remove: (name) => `Remove ${name}`,
    tooLarge: (name, limit) => `${name} is larger than ${limit}`,
    tooMany: (max) => `At most ${max} attachments`,
    typeNotAllowed: (name) => `${name}: this file type is not allowed`,
    list: 'Attachments',
    uploading: (percent) => (percent === '' ? 'Uploading…' : `Uploading… ${percent}`),
    uploadFailed: (name) => `${name} could not be uploaded`,
    failed: 'Upload failed',
    retry: (name) => `Retry ${name}`,
    waiting: 'Waiting for attachments',
    dropHere: 'Drop files to attach',
  },
  files: {
    download: (name) => `Download ${name}`,
    enlarge: (name) => `Enlarge ${name}`,
    close: 'Close',
    unavailable: (name) => `${name} cannot be shown`,
    imageBlocked: (host) => `Image blocked: ${host}`,
    generating: 'Generating image…',
  },
  parts: {
    failed: (name) => `${name} could not be shown`,
    sources: 'Sources',
    untitledSource: (index) => `Source ${index}`,
    citation: (index, title) => `Source ${index}: ${title}`,
    loadFailed: 'This part could not be loaded.',
  },
  persistence: {
    storageFull: 'The browser storage is full: this conversation is not saved',
    storageUnavailable: 'This browser does not allow saving: this conversation is not saved',
    loadFailed: 'This saved conversation could not be opened',
    partlyLoaded: 'Part of this saved conversation could not be read: what could be read is shown, and it is not saved over',
    tooNew: 'This conversation was saved by a newer version and cannot be opened here',
  },
}

/**
 * `T` with any part left out, at any depth; functions are given whole.
 *
 * @example
 * const partial: DeepPartial<RivuletLabels> = { inspector: { kinds: { token: 'Tok' } } }
 */
export type DeepPartial<T> = T extends (...args: never[]) => unknown ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T

/** Labels with any part left out; nested groups (`errors`, `toolCall.states`, `inspector.kinds`…) may be given in part too. */
export type LabelOverrides = DeepPartial<RivuletLabels>

const isGroup = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/**
 * `overrides` laid over `base` at every depth; a group only `overrides` has is taken as given.
 *
 * @example
 * mergeGroup({ a: { b: 1, c: 2 } }, { a: { c: 3 } }) // { a: { b: 1, c: 3 } }
 */
export function mergeGroup(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue
    const current = merged[key]
    merged[key] = isGroup(value) && isGroup(current) ? mergeGroup(current, value) : value
  }
  return merged
}

/**
 * `overrides` laid over `base` at every depth (groups such as `errors` merge key by key).
 * Returns `base` itself when there is nothing to override, so memoised consumers keep still.
 *
 * @example
 * mergeLabels(defaultLabels, { retry: 'Nochmal', composer: { send: 'Senden' } })
 */
export function mergeLabels(base: RivuletLabels, overrides: LabelOverrides | undefined): RivuletLabels {
  if (overrides === undefined) return base
  return mergeGroup(base as unknown as Record<string, unknown>, overrides as Record<string, unknown>) as unknown as RivuletLabels
}
