/** A piece of model output, classified by whether it sat inside `<think>…</think>`. */
export interface ThinkSegment {
  kind: 'text' | 'reasoning'
  text: string
}

export interface ThinkTagSplitter {
  /** Feeds the next content delta; returns what can be classified so far, in order. */
  push(delta: string): ThinkSegment[]
  /** The content ended: returns anything still held back (a partial tag is just text then). */
  flush(): ThinkSegment[]
}

const OPEN = '<think>'
const CLOSE = '</think>'

/**
 * Splits content that carries its reasoning inline, as DeepSeek-R1 and other open models do
 * through OpenAI-compatible servers: `<think>reasoning</think>answer`. Only a `<think>` at the
 * very start of the content (after optional whitespace) opens reasoning, so a model that merely
 * talks about the tag later in its answer is left alone. Tags may arrive split across deltas
 * (`<thi` + `nk>`): the splitter holds back only the characters that could still turn into a
 * tag, so text keeps flowing. The tags themselves are dropped; everything else is kept verbatim.
 *
 * @example
 * const splitter = createThinkTagSplitter()
 * splitter.push('<thi') // []
 * splitter.push('nk>hmm</th') // [{ kind: 'reasoning', text: 'hmm' }]
 * splitter.push('ink>Hi') // [{ kind: 'text', text: 'Hi' }]
 * splitter.flush() // []
 */
export function createThinkTagSplitter(): ThinkTagSplitter {
  let mode: 'detect' | 'reasoning' | 'text' = 'detect'
  let held = ''

  function take(out: ThinkSegment[], kind: ThinkSegment['kind'], text: string) {
    if (text.length === 0) return
    const last = out[out.length - 1]
    if (last && last.kind === kind) last.text += text
    else out.push({ kind, text })
  }

  function push(delta: string): ThinkSegment[] {
    const out: ThinkSegment[] = []
    if (mode === 'text') {
      take(out, 'text', delta)
      return out
    }
    held += delta
    if (mode === 'detect') {
      const trimmed = held.trimStart()
      if (trimmed.startsWith(OPEN)) {
        mode = 'reasoning'
        held = trimmed.slice(OPEN.length)
      } else if (OPEN.startsWith(trimmed)) {
        // Still only whitespace or a prefix of `<think>`: cannot tell yet.
        return out
      } else {
        mode = 'text'
        take(out, 'text', held)
        held = ''
        return out
      }
    }
    // mode === 'reasoning'
    const close = held.indexOf(CLOSE)
    if (close !== -1) {
      take(out, 'reasoning', held.slice(0, close))
      mode = 'text'
      take(out, 'text', held.slice(close + CLOSE.length))
      held = ''
      return out
    }
    const keep = partialTagSuffix(held, CLOSE)
    take(out, 'reasoning', held.slice(0, held.length - keep))
    held = held.slice(held.length - keep)
    return out
  }

  function flush(): ThinkSegment[] {
    const out: ThinkSegment[] = []
    take(out, mode === 'reasoning' ? 'reasoning' : 'text', held)
    held = ''
    return out
  }

  return { push, flush }
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialTagSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n
  }
  return 0
}
