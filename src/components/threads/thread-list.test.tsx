import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { branchTreeFromMessages } from '../../core/branches/branch-tree.ts'
import { createLocalStoragePersistence } from '../../core/persistence/local-storage-persistence.ts'
import { createThreadDirectory, type ThreadDirectory } from '../../core/persistence/thread-directory.ts'
import { THREAD_RECORD_VERSION, type ThreadRecord } from '../../core/persistence/thread-record.ts'
import { ThreadList } from './thread-list.tsx'

const record = (id: string, updatedAt: number, title?: string): ThreadRecord => ({
  version: THREAD_RECORD_VERSION,
  id,
  ...(title !== undefined && { title }),
  createdAt: 1,
  updatedAt,
  tree: branchTreeFromMessages([{ id: `${id}-u`, role: 'user', parts: [{ type: 'text', text: 'hi' }] }]),
})

function App({ directory }: { directory: ThreadDirectory }) {
  const [active, setActive] = useState<string | undefined>('old')
  return (
    <>
      <ThreadList directory={directory} activeId={active} onSelect={setActive} onDelete={(id) => id === active && setActive(undefined)} />
      <output>{active ?? 'none'}</output>
    </>
  )
}

afterEach(() => localStorage.clear())

describe('ThreadList', () => {
  it('lists, creates, switches, renames and deletes threads in storage', async () => {
    const user = userEvent.setup()
    const persistence = createLocalStoragePersistence()
    persistence.save('old', record('old', 10, 'Trip'))
    persistence.save('new', record('new', 20))
    let next = 0
    const directory = createThreadDirectory(persistence, { generateId: () => `draft-${++next}`, now: () => 30 })
    render(<App directory={directory} />)
    const nav = screen.getByRole('navigation', { name: 'Threads' })
    await waitFor(() => expect(within(nav).getAllByRole('listitem')).toHaveLength(2))
    expect(within(nav).getAllByRole('listitem').map((li) => li.querySelector('[data-rivulet="thread-list-select"]')!.textContent)).toEqual(['Untitled', 'Trip'])
    expect(screen.getByRole('button', { name: 'Trip' })).toHaveAttribute('aria-current', 'page')

    await user.click(screen.getByRole('button', { name: 'Untitled' }))
    expect(screen.getByRole('status')).toHaveTextContent('new')

    await user.click(screen.getByRole('button', { name: 'New thread' }))
    expect(screen.getByRole('status')).toHaveTextContent('draft-1')
    expect(within(nav).getAllByRole('listitem')).toHaveLength(3)
    // The draft becomes a stored thread on its first save through the directory.
    await directory.persistence.save('draft-1', record('draft-1', 40, 'Fresh'))
    await waitFor(() => expect(screen.getByRole('button', { name: 'Fresh' })).toBeInTheDocument())
    expect(within(nav).getAllByRole('listitem')).toHaveLength(3)

    const renameTrip = screen.getAllByRole('button', { name: 'Rename' }).find((b) => b.getAttribute('aria-describedby') === screen.getByRole('button', { name: 'Trip' }).id)!
    expect(renameTrip).toHaveAccessibleDescription('Trip')
    await user.click(renameTrip)
    await user.keyboard('{Control>}a{/Control}Oslo 2026{Enter}')
    await waitFor(() => expect(screen.getByRole('button', { name: 'Oslo 2026' })).toBeInTheDocument())
    expect((await persistence.load('old'))?.title).toBe('Oslo 2026')
    expect((await persistence.load('old'))?.tree).toEqual(record('old', 10).tree)

    await user.click(screen.getByRole('button', { name: 'Untitled' }))
    const deleteNew = screen.getAllByRole('button', { name: 'Delete' }).find((b) => b.getAttribute('aria-describedby') === screen.getByRole('button', { name: 'Untitled' }).id)!
    await user.click(deleteNew)
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Untitled' })).toBeNull())
    expect(await persistence.load('new')).toBeUndefined()
    expect(screen.getByRole('status')).toHaveTextContent('none')
  })

  it('shows a storage failure as an alert and keeps the list', async () => {
    const user = userEvent.setup()
    const persistence = createLocalStoragePersistence()
    persistence.save('old', record('old', 10, 'Trip'))
    const directory = createThreadDirectory({ ...persistence, save: () => { throw new DOMException('full', 'QuotaExceededError') } })
    render(<App directory={directory} />)
    await waitFor(() => expect(screen.getByRole('button', { name: 'Trip' })).toBeInTheDocument())
    await user.click(screen.getByRole('button', { name: 'Rename' }))
    await user.keyboard('X{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent('could not be opened')
    expect(screen.getByRole('button', { name: 'Trip' })).toBeInTheDocument()
  })
})

describe('createThreadDirectory', () => {
  it('a rename wins over the stale title an open chat saves next', async () => {
    const persistence = createLocalStoragePersistence()
    const directory = createThreadDirectory(persistence)
    await directory.persistence.save('t', record('t', 1, 'Old'))
    await directory.rename('t', 'New')
    await directory.persistence.save('t', record('t', 2, 'Old'))
    expect((await persistence.load('t'))?.title).toBe('New')
    expect(directory.getSnapshot().threads[0]?.title).toBe('New')
  })
})
