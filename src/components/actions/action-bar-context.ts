import { createContext, useContext } from 'react'
import type { ChatMessage } from '../../core/state.ts'

/** A thumbs-up or thumbs-down on a message. */
export type Feedback = 'up' | 'down'

/** What the parts of an action bar share. */
export interface ActionBarContextValue {
  message: ChatMessage
  disabled: boolean
  onRegenerate: ((messageId: string) => void) | undefined
  onEdit: ((messageId: string) => void) | undefined
  feedback: Feedback | undefined
  giveFeedback: (value: Feedback) => void
  hasFeedback: boolean
}

export const ActionBarContext = createContext<ActionBarContextValue | null>(null)

/**
 * The action bar a part sits in; `part` names the caller in the error thrown outside one.
 *
 * @example
 * const { message } = useActionBarContext('ActionBar.Copy')
 */
export function useActionBarContext(part: string): ActionBarContextValue {
  const context = useContext(ActionBarContext)
  if (context === null) throw new Error(`${part} must be inside <ActionBar.Root>`)
  return context
}
