import type { ReactNode } from 'react'
import type { MessageRole } from '../../core/state.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { Icon } from '../icon/icon.tsx'

/**
 * What `<Chat avatars>` shows beside each message: `true` for the defaults (the user's
 * initial, a spark for the assistant), or your own node per role (an `<img>`, initials…).
 * Each role's name (`labels.roles`) is shown above its messages either way.
 */
export interface MessageAvatars {
  user?: ReactNode
  assistant?: ReactNode
}

/** Props of {@link MessageRow}. */
export interface MessageRowProps {
  role: MessageRole
  avatars: MessageAvatars
  /** The message (or its editor). */
  children: ReactNode
}

/** The assistant's default avatar: a four-pointed spark, currentColor. */
function SparkIcon() {
  return (
    <Icon size={15} filled>
      <path d="M8 1.5c.4 3.3 1.9 5.1 5.5 6.5-3.6 1.4-5.1 3.2-5.5 6.5-.4-3.3-1.9-5.1-5.5-6.5C6.1 6.6 7.6 4.8 8 1.5Z" />
    </Icon>
  )
}

/** The first letter (or digit) of a name, for an initial avatar; whole graphemes, any script. */
function initial(name: string): string {
  return Array.from(name.replace(/[^\p{L}\p{N}]/gu, ''))[0]?.toLocaleUpperCase() ?? ''
}

/**
 * A message with its avatar and its role's name, the way `<Chat avatars>` lays out each
 * message: avatar at the start for the assistant, at the end for the user. The avatar is
 * decorative; the name is text, so screen readers hear who speaks before what is said.
 *
 * @example
 * <MessageRow role="assistant" avatars={{ assistant: <img src="/bot.png" alt="" /> }}><Message message={m} /></MessageRow>
 */
export function MessageRow({ role, avatars, children }: MessageRowProps) {
  const roles = useLabels().roles
  const name = role === 'user' ? roles.user : role === 'assistant' ? roles.assistant : roles.system
  const custom = role === 'user' ? avatars.user : role === 'assistant' ? avatars.assistant : undefined
  return (
    <div data-rivulet="message-row" data-role={role}>
      <div data-rivulet="message-avatar" data-role={role} aria-hidden="true">
        {custom ?? (role === 'assistant' ? <SparkIcon /> : initial(name))}
      </div>
      <div data-rivulet="message-body">
        <div data-rivulet="message-author">{name}</div>
        {children}
      </div>
    </div>
  )
}
