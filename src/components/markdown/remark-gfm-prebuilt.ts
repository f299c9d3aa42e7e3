import remarkGfm, { type Options as RemarkGfmOptions } from 'remark-gfm'

type ExtensionLists = Record<string, unknown[] | undefined>

/**
 * The remark-gfm options Rivulet renders with. `singleTilde: false`: models write ranges
 * and approximations with one tilde (`20~25°C`, `~5 min`), and GFM's single-tilde
 * strikethrough would strike the text between two of them. `~~double~~` still strikes.
 */
export const REMARK_GFM_OPTIONS: Readonly<RemarkGfmOptions> = Object.freeze({ singleTilde: false })

/**
 * The parser extensions remark-gfm registers, built once. remark-gfm builds them anew for
 * every processor, and react-markdown makes a processor for every render of a block: at
 * a token per render that was a third of parsing a short paragraph. A unified plugin only
 * reaches its processor through `this.data()`, so a stand-in that records what it adds
 * gets the very same extensions. If that ever fails, `undefined`: use remark-gfm itself.
 */
function buildOnce(): ExtensionLists | undefined {
  const recorded: ExtensionLists = {}
  try {
    ;(remarkGfm as (this: { data(): ExtensionLists }, options: RemarkGfmOptions) => void).call(
      { data: () => recorded },
      { ...REMARK_GFM_OPTIONS },
    )
  } catch {
    return undefined
  }
  return recorded.micromarkExtensions && recorded.fromMarkdownExtensions ? recorded : undefined
}

const prebuilt = buildOnce()

function remarkGfmFromPrebuilt(this: { data(): unknown }): undefined {
  const data = this.data() as ExtensionLists
  // Serialising back to markdown is never used here, so its extensions are left out.
  for (const key of ['micromarkExtensions', 'fromMarkdownExtensions'] as const) {
    const list = data[key] ?? (data[key] = [])
    list.push(...((prebuilt as ExtensionLists)[key] as unknown[]))
  }
}

// Fallback when the extensions could not be recorded: remark-gfm itself, with our options.
function remarkGfmWithOptions(this: unknown): undefined {
  ;(remarkGfm as (this: unknown, options: RemarkGfmOptions) => void).call(this, { ...REMARK_GFM_OPTIONS })
}

/**
 * remark-gfm (tables, task lists, strikethrough, autolink literals, footnotes) with its
 * parser extensions built once for the whole page instead of once per parse. Parses the
 * same trees as `remarkGfm` with {@link REMARK_GFM_OPTIONS} (no single-tilde strikethrough).
 *
 * @example
 * <Markdown remarkPlugins={[remarkGfmPrebuilt]}>{'| a |\n|---|\n| 1 |'}</Markdown>
 */
export const remarkGfmPrebuilt: typeof remarkGfm = (prebuilt ? remarkGfmFromPrebuilt : remarkGfmWithOptions) as unknown as typeof remarkGfm
