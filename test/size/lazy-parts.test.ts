// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest'
import { measureBundle, NOT_OWN, type BundleSize } from '../../bench/lib/library-size.ts'

/*
 * Which of the library's parts load with the page, from a real build (Vite, production,
 * minified) of an app importing `<Chat>` and of every export of `rivulet-ui`. Module lists
 * are deterministic, so this cannot flake; the byte figures are the size suite's
 * (`npm run bench -- size`).
 */
const meantToBeLazy = /protocol\/decoders\/(openai-chat|openai-responses|anthropic|ai-sdk)\.ts|components\/files\/(attachment-store|attachment-tray|image-viewer)\.tsx?|components\/inspector\//

let chatApp: BundleSize
let mainEntry: BundleSize
beforeAll(async () => {
  chatApp = await measureBundle('bench/size/chat-app.ts', NOT_OWN)
  mainEntry = await measureBundle('src/index.ts', NOT_OWN)
}, 180_000)

const lazyChunkNames = (size: BundleSize) => size.chunks.filter((c) => !c.eager).map((c) => c.fileName.replace(/-[\w-]{8}\.js$/, ''))

describe('what loads with the page', () => {
  it('a <Chat> app loads no provider decoder, attachment machinery, image viewer or inspector up front, and can still reach them', () => {
    expect(chatApp.eagerModules.map((m) => m.id).filter((id) => meantToBeLazy.test(id))).toEqual([])
    expect(lazyChunkNames(chatApp)).toEqual(expect.arrayContaining(['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk', 'attachment-kit', 'image-viewer']))
    // Rivulet's own decoder comes with the chat client's engine (a chunk started as soon as the client is created), not on its own.
    expect(chatApp.eagerModules.map((m) => m.id)).not.toContain('src/protocol/decoders/rivulet.ts')
    expect(lazyChunkNames(chatApp)).toContain('chat-engine')
  })

  it('every export of rivulet-ui together still leaves the provider decoders, the image viewer and the inspector out', () => {
    const eager = mainEntry.eagerModules.map((m) => m.id)
    expect(eager.filter((id) => /protocol\/decoders\/(openai-chat|openai-responses|anthropic|ai-sdk)\.ts|files\/image-viewer|components\/inspector\//.test(id))).toEqual([])
  })

  it('every export together still leaves out what loads on first use: the object engine (partial-JSON parser, stream session)', () => {
    const eager = mainEntry.eagerModules.map((m) => m.id)
    expect(eager.filter((id) => /core\/object\/(partial-json-parser|stream-session|read-object-body|json-containers)\.ts/.test(id))).toEqual([])
    expect(lazyChunkNames(mainEntry)).toContain('object-engine')
  })

  it('a <Chat> app loads the SSE parser with format detection, and the recorder, on first use, not with the page', () => {
    const eager = chatApp.eagerModules.map((m) => m.id)
    expect(eager.filter((id) => /protocol\/(sse\/parser|decoders\/body-decoder-core|decoders\/detect-format|recording\/record-response)\.ts/.test(id))).toEqual([])
    const lazy = chatApp.chunks.filter((c) => !c.eager)
    expect(lazy.length).toBeGreaterThan(0)
  })

  it('a <Chat> app loads the parts only some messages show after its first paint: tool call bodies, files, errors, sources, the action bar, the editor, the branch picker', () => {
    const eager = chatApp.eagerModules.map((m) => m.id)
    const later = /components\/(tool-call\/(tool-call-body|tool-call-approval|tool-call-deny-form|tool-call-result)|files\/file-part-view|status\/error-notice|parts\/source-list|branches\/branch-picker|actions\/(action-bar|message-actions|message-editor))\.tsx$/
    expect(eager.filter((id) => later.test(id))).toEqual([])
    expect(lazyChunkNames(chatApp)).toContain('message-extras')
  })

  it('a <Chat> app loads the thread sync (saving, reading and validating stored threads, stream cursors) only for a chat with an id, in a chunk of its own', () => {
    const eager = chatApp.eagerModules.map((m) => m.id)
    expect(eager.filter((id) => /core\/persistence\/(thread-sync|thread-saver|validate-thread-record|stream-cursor-store)\.ts/.test(id))).toEqual([])
    expect(lazyChunkNames(chatApp)).toContain('thread-sync-module')
  })

  it('a <Chat> app loads the branch tree (regenerate, edit, switch) in a chunk of its own, started when the client is made', () => {
    const eager = chatApp.eagerModules.map((m) => m.id)
    expect(eager.filter((id) => /core\/branches\/(branch-tree|branch-turns)\.ts/.test(id))).toEqual([])
    expect(lazyChunkNames(chatApp)).toContain('branch-ops')
  })

  it('a <Chat> app loads the code that reads a send\'s files with the first send that has files, not with the page', () => {
    expect(chatApp.eagerModules.map((m) => m.id)).not.toContain('src/core/files/file-parts.ts')
  })

  it('a <Chat> app loads the markdown pipeline (splitting, repair, tables, fences, the code block, citations) in a chunk of its own', () => {
    const eager = chatApp.eagerModules.map((m) => m.id)
    // The stand-in is what an answer shows until the pipeline lands, so it is the one markdown component that loads with the
    // page, with the two tiny import-free line helpers it shares with the pipeline (table cells, heading/rule lines).
    const standIn = ['src/components/markdown/markdown-stand-in.tsx', 'src/components/markdown/table-cells.ts', 'src/components/markdown/block-lines.ts']
    const pipeline = eager.filter((id) => /components\/(markdown|code-block)\/|parts\/(cited-markdown|citation-components)/.test(id))
    expect(pipeline.filter((id) => !standIn.includes(id))).toEqual([])
    expect(lazyChunkNames(chatApp)).toContain('markdown-pipeline')
  })
})
