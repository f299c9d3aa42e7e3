import type { Decorator, Preview } from '@storybook/react-vite'
import { useEffect, useSyncExternalStore, type ReactNode } from 'react'
import { LabelsProvider } from '../src/components/labels/labels-context.tsx'
import type { RivuletLabels } from '../src/components/labels/labels.ts'
import { findUntranslated, pseudoLabels, type ScanOptions } from '../test/support/pseudo-labels.ts'

/*
 * The pseudo-locale check over every story (issue 13: "a test renders every story with a
 * pseudo-locale and finds no English left"). Under the Storybook test run, after a story's
 * play function has brought it to its state (an open viewer, a denied call, a failed upload),
 * every label switches to the pseudo-locale (each letter accented, wrapped in ⟦…⟧) and the
 * story's Rivulet elements are scanned: any ASCII word left is a string that does not come
 * from the labels. Switching after the play keeps the plays' English queries working and
 * covers the states only they reach; a component that caches a word past a language change
 * is caught too.
 *
 * A story opts out or narrows the scan with `parameters.pseudoLocale` (see {@link PseudoLocaleParameter});
 * each use there says why.
 */

/** `false`: the story shows a translation of its own (the German, Arabic stories); or what else is content there. */
export type PseudoLocaleParameter = false | Pick<ScanOptions, 'allow' | 'contentParts'>

let current: RivuletLabels | undefined
let applied: (() => void) | undefined
const listeners = new Set<() => void>()
const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function SwitchableLabels({ children }: { children: ReactNode }) {
  const labels = useSyncExternalStore(subscribe, () => current)
  useEffect(() => {
    if (labels !== undefined) applied?.()
  }, [labels])
  return <LabelsProvider labels={labels}>{children}</LabelsProvider>
}

/** Every story under a labels provider the check can switch; English (the defaults) until then. */
export const withSwitchableLabels: Decorator = (Story) => (
  <SwitchableLabels>
    <Story />
  </SwitchableLabels>
)

function switchTo(labels: RivuletLabels | undefined): Promise<void> {
  const done = new Promise<void>((resolve) => (applied = labels === undefined ? undefined : resolve))
  current = labels
  for (const listener of listeners) listener()
  return labels === undefined ? Promise.resolve() : done
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))

/** Chats still answering get a bounded while to finish, so the scan sees their settled words too. */
async function settle(canvas: HTMLElement) {
  for (let i = 0; i < 100; i++) {
    const busy = [...canvas.querySelectorAll('[data-rivulet="chat"]')].some((chat) => /^(submitted|streaming)$/.test(chat.getAttribute('data-state') ?? ''))
    if (!busy) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await frame()
}

/** Runs the check after each story's play, only in the Storybook test run (never while browsing). */
export const checkPseudoLocale: NonNullable<Preview['afterEach']> = async ({ canvasElement, parameters, title, name }) => {
  if (import.meta.env.MODE !== 'test') return
  const option = parameters.pseudoLocale as PseudoLocaleParameter | undefined
  if (option === false) return
  const found = new Set<string>()
  const scan = () => {
    for (const entry of findUntranslated(canvasElement, { libraryOnly: true, ...option })) found.add(entry)
  }
  // Words that appear while the story settles (a status, a countdown) are scanned as they come.
  const observer = new MutationObserver(scan)
  try {
    await switchTo(pseudoLabels)
    await frame()
    scan()
    observer.observe(canvasElement, { subtree: true, childList: true, characterData: true, attributes: true })
    await settle(canvasElement)
    scan()
  } finally {
    observer.disconnect()
    await switchTo(undefined)
  }
  if (found.size > 0) throw new Error(`English left in "${title} / ${name}" under the pseudo-locale:\n${[...found].join('\n')}`)
}
