import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import type remarkGfm from 'remark-gfm'
import type { Options as RemarkGfmOptions } from 'remark-gfm'

type ExtensionLists = Record<string, unknown[] | undefined>

/**
 * The remark-gfm options Rivulet renders with. `singleTilde: false`: models write ranges
 * and approximations with one tilde (`20~25°C`, `~5 min`), and GFM's single-tilde
 * strikethrough would strike the text between two of them. `~~double~~` still strikes.
 */
export const REMARK_GFM_OPTIONS: Readonly<RemarkGfmOptions> = Object.freeze({ singleTilde: false })

/*
 * The two parser extensions remark-gfm registers, built once for the page: remark-gfm
 * builds them anew for every processor, and react-markdown makes a processor for every
 * render of a block (at a token per render that was a third of parsing a short paragraph).
 * Taken from the packages remark-gfm is made of rather than from remark-gfm itself, which
 * also registers the serialiser back to markdown: never used here, and 23 kB minified
 * (mdast-util-to-markdown, markdown-table) in every consumer's main chunk.
 */
const micromarkExtension = gfm({ ...REMARK_GFM_OPTIONS })
const fromMarkdownExtension = gfmFromMarkdown()

function remarkGfmFromPrebuilt(this: { data(): unknown }): undefined {
  const data = this.data() as ExtensionLists
  ;(data.micromarkExtensions ??= []).push(micromarkExtension)
  ;(data.fromMarkdownExtensions ??= []).push(fromMarkdownExtension)
}

/**
 * remark-gfm (tables, task lists, strikethrough, autolink literals, footnotes) with its
 * parser extensions built once for the whole page instead of once per parse. Parses the
 * same trees as `remarkGfm` with {@link REMARK_GFM_OPTIONS} (no single-tilde strikethrough).
 *
 * @example
 * <Markdown remarkPlugins={[remarkGfmPrebuilt]}>{'| a |\n|---|\n| 1 |'}</Markdown>
 */
export const remarkGfmPrebuilt: typeof remarkGfm = remarkGfmFromPrebuilt as unknown as typeof remarkGfm
