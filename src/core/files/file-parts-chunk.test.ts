import { describe, expect, it } from 'vitest'
import { heldChunk } from '../../../test/support/held-chunk.ts'
import { toFilePartsLater } from './file-parts-chunk.ts'

/*
 * Reading a send's files is a chunk loaded by the first send that has files: a send without
 * files never waits for it (nor loads it); one with files waits for it; a failed load says so.
 */
const part = { mediaType: 'image/png', url: 'https://cdn.example.com/a.png', name: 'a.png' }

describe('file parts from their own chunk', () => {
  it('no files: [] at once, without loading the chunk', () => {
    const chunk = heldChunk(() => import('./file-parts.ts'))
    expect(toFilePartsLater(undefined, chunk.chunk)).toEqual([])
    expect(toFilePartsLater([], chunk.chunk)).toEqual([])
    expect(chunk.attempts).toHaveLength(0)
  })

  it('files before the chunk lands: the parts once it is in; synchronous afterwards when nothing needs reading', async () => {
    const chunk = heldChunk(() => import('./file-parts.ts'))
    const pending = toFilePartsLater([part], chunk.chunk)
    expect(pending).toBeInstanceOf(Promise)
    ;(await chunk.started(1)).release()
    expect(await pending).toEqual([{ type: 'file', ...part }])
    expect(toFilePartsLater([part], chunk.chunk)).toEqual([{ type: 'file', ...part }])
  })

  it('a chunk that cannot load rejects with an error that says what failed', async () => {
    const chunk = heldChunk(() => import('./file-parts.ts'))
    const pending = toFilePartsLater([part], chunk.chunk)
    ;(await chunk.started(1)).fail(new Error('Failed to fetch dynamically imported module'))
    await expect(pending).rejects.toThrow('send: could not load the code that reads files (Failed to fetch dynamically imported module)')
  })

  it('a malformed entry still throws its TypeError', async () => {
    const chunk = heldChunk(() => import('./file-parts.ts'))
    const pending = toFilePartsLater([{ url: 'x' } as never], chunk.chunk)
    ;(await chunk.started(1)).release()
    await expect(pending).rejects.toThrow(TypeError)
  })
})
