import { forwardRef, useCallback, useRef } from 'react'
import type { ComponentPropsWithoutRef, MouseEvent, ReactNode } from 'react'
import { useLabels } from '../labels/labels-context.tsx'
import { prefersReducedMotion } from './prefers-reduced-motion.ts'
import { useAutoScroll } from './use-auto-scroll.ts'

/** Props of {@link MessageList}; the rest are spread on the root `<div>`. */
export interface MessageListProps extends ComponentPropsWithoutRef<'div'> {
  /** The messages. */
  children?: ReactNode
  /** Accessible name of the scrollable log. Defaults to "Conversation". */
  'aria-label'?: string
  /** True while an answer is streaming: screen readers wait for the finished block. */
  'aria-busy'?: boolean
  /** Within this many px of the bottom counts as "at the bottom". Defaults to 50. */
  threshold?: number
  /** False turns off following new content. Defaults to true. */
  autoScroll?: boolean
  /** Content of the "Jump to latest" button. */
  jumpLabel?: ReactNode
  /**
   * True while older messages are being added above (a restored thread mounting in slices):
   * the log stops announcing additions (`aria-live="off"`), so a screen reader does not read
   * the whole history out. Defaults to false.
   */
  quiet?: boolean
  /**
   * The newest message (any value that changes when something is added at the end: a streamed
   * token replaces the last message object). Given, only its change offers "Jump to latest";
   * growth elsewhere does not (older messages mounting above, off-screen messages laid out at
   * their real height as the reader scrolls to them). Without it, any growth below the view
   * counts as new.
   */
  latest?: unknown
}

/**
 * The scrolling conversation: stays pinned to the newest message while it streams,
 * lets go when the user scrolls up, and offers "Jump to latest" once something new
 * arrives below. The scrollable element is the `role="log"` live region (focusable, so
 * keyboard users can scroll it); the button sits outside it so its appearance is not
 * announced as a new message. Give the root a height (or a flex size) in your layout.
 *
 * @example
 * <MessageList aria-busy={status === 'streaming'} style={{ height: 480 }}>
 *   {messages.map((message) => <Message key={message.id} message={message} />)}
 * </MessageList>
 */
export const MessageList = forwardRef<HTMLDivElement, MessageListProps>(function MessageList({
  children,
  'aria-label': labelProp,
  'aria-busy': busy = false,
  threshold,
  autoScroll = true,
  jumpLabel: jumpLabelProp,
  quiet = false,
  latest,
  ...rest
}, ref) {
  const labels = useLabels()
  const label = labelProp ?? labels.conversation
  const jumpLabel = jumpLabelProp ?? labels.jumpToLatest
  const { scrollRef, contentRef, isDetached, hasNewContent, scrollToBottom } = useAutoScroll({
    threshold,
    enabled: autoScroll,
    latest,
  })
  const viewportRef = useRef<HTMLDivElement | null>(null)
  const setViewport = useCallback(
    (element: HTMLDivElement | null) => {
      viewportRef.current = element
      scrollRef(element)
    },
    [scrollRef],
  )
  const showJump = isDetached && hasNewContent

  const jump = (event: MouseEvent<HTMLButtonElement>) => {
    const hadFocus = event.currentTarget.ownerDocument.activeElement === event.currentTarget
    scrollToBottom(prefersReducedMotion() ? 'instant' : 'smooth')
    // The button disappears now; keep keyboard focus in the conversation, not on <body>.
    if (hadFocus) viewportRef.current?.focus({ preventScroll: true })
  }

  return (
    <div
      data-rivulet="message-list"
      data-state={isDetached ? 'detached' : 'pinned'}
      data-new-content={showJump ? '' : undefined}
      data-busy={busy ? '' : undefined}
      {...rest}
      ref={ref}
    >
      <div
        ref={setViewport}
        role="log"
        aria-live={quiet ? 'off' : 'polite'}
        aria-relevant="additions"
        aria-busy={busy}
        aria-label={label}
        tabIndex={0}
        data-rivulet="message-list-viewport"
        // Layout the component cannot work without; colours and spacing are the theme's.
        style={{ overflowY: 'auto', height: '100%' }}
      >
        <div ref={contentRef} data-rivulet="message-list-content">
          {children}
        </div>
      </div>
      {showJump ? (
        <button type="button" data-rivulet="jump-to-latest" onClick={jump}>
          {jumpLabel}
        </button>
      ) : null}
    </div>
  )
})
