import type { Meta, StoryObj } from '@storybook/react-vite'
import { useMemo, useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Chat } from '../src/components/chat/chat.tsx'
import { ThreadList } from '../src/components/threads/thread-list.tsx'
import { branchTreeFromMessages } from '../src/core/branches/branch-tree.ts'
import { PersistenceError } from '../src/core/persistence/persistence-error.ts'
import { createThreadDirectory } from '../src/core/persistence/thread-directory.ts'
import { summarizeThread, THREAD_RECORD_VERSION, type ThreadPersistence, type ThreadRecord } from '../src/core/persistence/thread-record.ts'
import { createMemoryTransport } from '../src/core/transports/memory-transport.ts'

const TITLES = ['Trip to Oslo', 'Rhine discharge figures', 'A very long thread title that does not fit the sidebar at all']

const record = (id: string, updatedAt: number, title?: string, text = 'Hello'): ThreadRecord => ({
  version: THREAD_RECORD_VERSION,
  id,
  ...(title !== undefined && { title }),
  createdAt: 1,
  updatedAt,
  tree: branchTreeFromMessages([
    { id: `${id}-u`, role: 'user', parts: [{ type: 'text', text }] },
    { id: `${id}-a`, role: 'assistant', parts: [{ type: 'text', text: `You asked: ${text}` }] },
  ]),
})

const SAMPLE: ThreadRecord[] = [
  record('oslo', 40, TITLES[0], 'What should I pack for Oslo in December?'),
  record('rhine', 30, TITLES[1], 'How much water does the Rhine carry at Basel?'),
  record('long', 20, TITLES[2]),
  record('untitled', 10),
]

/** Threads kept in memory, as a server adapter would keep them; `failWith` makes every read and write fail. */
function memoryPersistence(records: readonly ThreadRecord[], failWith?: PersistenceError): ThreadPersistence {
  const stored = new Map(records.map((r) => [r.id, r]))
  const guard = () => {
    if (failWith) throw failWith
  }
  return {
    load: (id) => (guard(), stored.get(id)),
    save: (id, thread) => (guard(), void stored.set(id, thread)),
    list: () => (guard(), [...stored.values()].map(summarizeThread).sort((a, b) => b.updatedAt - a.updatedAt)),
    remove: (id) => (guard(), void stored.delete(id)),
  }
}

interface Args {
  records: readonly ThreadRecord[]
  failWith?: PersistenceError
  activeId?: string
}

function Sidebar({ records, failWith, activeId }: Args) {
  const directory = useMemo(() => createThreadDirectory(memoryPersistence(records, failWith), { generateId: () => `draft-${Date.now()}` }), [records, failWith])
  const [active, setActive] = useState(activeId)
  return (
    <div style={{ width: 260 }}>
      <ThreadList directory={directory} activeId={active} onSelect={setActive} onDelete={(id) => id === active && setActive(undefined)} />
    </div>
  )
}

/** The user's threads (`ThreadList` over a `createThreadDirectory`): new, select, rename inline, delete, storage failures. */
const meta: Meta<Args> = {
  title: 'Components/Thread list',
  component: Sidebar,
  args: { records: SAMPLE, activeId: 'oslo' },
  argTypes: { records: { control: false }, failWith: { control: false } },
  // Thread titles are the user's content, not UI words.
  parameters: { pseudoLocale: { allow: TITLES } },
}
export default meta
type Story = StoryObj<Args>

const nav = (canvasElement: HTMLElement) => within(canvasElement).getByRole('navigation', { name: 'Threads' })

export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(within(nav(canvasElement)).getAllByRole('listitem')).toHaveLength(4))
    await expect(within(canvasElement).getByRole('button', { name: 'Trip to Oslo' })).toHaveAttribute('aria-current', 'page')
    await expect(within(canvasElement).getByRole('button', { name: 'Untitled' })).toBeVisible()
  },
}

export const Dark: Story = { ...Default, parameters: { ...meta.parameters, theme: 'dark' } }

export const Empty: Story = {
  args: { records: [], activeId: undefined },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'New thread' })).toBeVisible()
    await expect(within(nav(canvasElement)).queryAllByRole('listitem')).toHaveLength(0)
  },
}

export const Renaming: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(within(nav(canvasElement)).getAllByRole('listitem')).toHaveLength(4))
    const rename = canvas.getAllByRole('button', { name: 'Rename' }).find((button) => button.getAttribute('aria-describedby') === canvas.getByRole('button', { name: 'Rhine discharge figures' }).id)!
    // Rename shows on hover or keyboard focus: reach it by keyboard, as the play cannot hover.
    rename.focus()
    await userEvent.keyboard('{Enter}')
    await expect(canvas.getByRole('textbox', { name: 'Thread title' })).toHaveFocus()
  },
}

export const StorageFull: Story = {
  args: { failWith: new PersistenceError('quota', 'The storage is full') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toBeVisible()
  },
}

/** The list beside a `<Chat>` that saves through `directory.persistence`: selecting a thread shows it. */
export const BesideAChat: Story = {
  render: () => <ThreadsAndChat />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: 'Rhine discharge figures' }))
    await expect(await canvas.findByText('How much water does the Rhine carry at Basel?')).toBeVisible()
  },
}

function ThreadsAndChat() {
  const directory = useMemo(() => createThreadDirectory(memoryPersistence(SAMPLE), { generateId: () => `draft-${Date.now()}` }), [])
  const [transport] = useState(() => createMemoryTransport({ respond: () => [{ type: 'start', seq: 0, streamId: 'noted' }, { type: 'token', seq: 1, content: 'Noted.' }, { type: 'done', seq: 2, finishReason: 'stop' }] }))
  const [active, setActive] = useState('oslo')
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '240px 1fr', gap: 16, height: 480, maxWidth: 900 }}>
      <ThreadList directory={directory} activeId={active} onSelect={setActive} onDelete={(id) => id === active && setActive('oslo')} />
      <div style={{ display: 'flex', minWidth: 0 }}>
        <Chat style={{ flex: 1, minWidth: 0 }} transport={transport} options={{ id: active, persistence: directory.persistence }} />
      </div>
    </div>
  )
}

/** The chat's own notice when its thread cannot be saved: the conversation stays, only unsaved. */
export const ChatWhenStorageIsFull: Story = {
  render: () => <UnsavableChat />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Remember this{Enter}')
    // The notice shows as soon as the thread cannot be read, before the answer arrives.
    await expect(await canvas.findByRole('alert')).toBeVisible()
    await expect(await canvas.findByText('Noted.')).toBeVisible()
  },
}

function UnsavableChat() {
  const [persistence] = useState(() => memoryPersistence([], new PersistenceError('quota', 'The storage is full')))
  const [transport] = useState(() => createMemoryTransport({ respond: () => [{ type: 'start', seq: 0, streamId: 'noted' }, { type: 'token', seq: 1, content: 'Noted.' }, { type: 'done', seq: 2, finishReason: 'stop' }] }))
  return (
    <div style={{ height: 420, maxWidth: 720, display: 'flex' }}>
      <Chat style={{ flex: 1, minWidth: 0 }} transport={transport} options={{ id: 'unsaved', persistence }} />
    </div>
  )
}
