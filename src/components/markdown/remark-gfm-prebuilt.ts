import remarkGfm from 'remark-gfm'

type ExtensionLists = Record<string, unknown[] | undefined>

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
    ;(remarkGfm as (this: { data(): ExtensionLists }) => void).call({ data: () => recorded })
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

/**
 * remark-gfm (tables, task lists, strikethrough, autolink literals, footnotes) with its
 * parser extensions built once for the whole page instead of once per parse. Parses the
 * same trees as `remarkGfm` with its default options.
 *
 * @example
 * <Markdown remarkPlugins={[remarkGfmPrebuilt]}>{'| a |\n|---|\n| 1 |'}</Markdown>
 */
export const remarkGfmPrebuilt: typeof remarkGfm = prebuilt ? (remarkGfmFromPrebuilt as unknown as typeof remarkGfm) : remarkGfm
