import { registerCompleteElements } from './complete-elements.ts'

/**
 * An object or array that is still open in the text. `base` holds the children that are
 * finished; the child being written (an open string, or the container above this one on the
 * parser's stack) is added only when a snapshot is built, so a finished child is stored once
 * and never copied again.
 */
export interface OpenContainer {
  readonly array: boolean
  readonly base: Record<string, unknown> | unknown[]
  /** Object only: the key of the child being written, once its `:` has been read. */
  key: string | undefined
  /** The last snapshot handed out; reused while nothing under this container changed. */
  snapshot: object | undefined
  /** Whether `snapshot` shows a child that was still open then. */
  snapshotHasOpenChild: boolean
  /** Something in `base` (or the open string child) changed since `snapshot` was built. */
  dirty: boolean
}

/** Marks "no visible open child" when building a snapshot (`undefined` is a legal JSON-less value). */
export const NO_CHILD: unique symbol = Symbol('no child')

/**
 * Opens a container.
 *
 * @example
 * const root = openContainer(false) // after reading `{`
 */
export function openContainer(array: boolean): OpenContainer {
  return { array, base: array ? [] : {}, key: undefined, snapshot: undefined, snapshotHasOpenChild: false, dirty: true }
}

/**
 * Stores a finished child: appended to an array, or set under the pending key of an object
 * (a repeated key keeps its first position and takes the last value, as `JSON.parse` does).
 *
 * @example
 * addChild(container, 'Ada') // after `"name":"Ada"`
 */
export function addChild(container: OpenContainer, value: unknown): void {
  if (container.array) (container.base as unknown[]).push(value)
  else setOwn(container.base as Record<string, unknown>, container.key!, value)
  container.key = undefined
  container.dirty = true
}

/**
 * A new immutable view of the container: its finished children plus the open child when one
 * is visible. Copying costs the container's width, not the document's size: children are
 * shared, never cloned. Arrays shown with an unfinished last element are registered so
 * `completeElements` can leave that element out.
 *
 * @example
 * buildSnapshot(container, 'Ad') // { name: 'Ad' } while the string is still open
 */
export function buildSnapshot(container: OpenContainer, openChild: unknown): object {
  const hasChild = openChild !== NO_CHILD
  let snapshot: object
  if (container.array) {
    const base = container.base as unknown[]
    // concat allocates the exact length once; slice-then-push would copy twice.
    snapshot = hasChild ? base.concat([openChild]) : base.slice()
    if (hasChild) registerCompleteElements(snapshot as unknown[], base.length)
  } else {
    const entries: Record<string, unknown> = { ...(container.base as Record<string, unknown>) }
    if (hasChild) setOwn(entries, container.key!, openChild)
    snapshot = entries
  }
  container.snapshot = snapshot
  container.snapshotHasOpenChild = hasChild
  container.dirty = false
  return snapshot
}

/**
 * The final value of a container that just closed. Its last snapshot is reused when it
 * already showed exactly the finished children, so a closing `}` does not change the identity
 * of an object whose fields had all arrived.
 *
 * @example
 * const value = closeContainer(container)
 */
export function closeContainer(container: OpenContainer): object {
  if (!container.dirty && !container.snapshotHasOpenChild && container.snapshot !== undefined) return container.snapshot
  // Nothing writes to `base` after this, so it becomes the value itself: no copy.
  return container.base
}

/**
 * The snapshot of the outermost open container, rebuilding only the containers on the open
 * path that changed: innermost first, each one gets the (possibly new) snapshot of the one
 * inside it. Iterative, so a deep stack costs no call stack.
 *
 * @example
 * snapshotStack(stack, NO_CHILD)
 */
export function snapshotStack(stack: readonly OpenContainer[], openChild: unknown): object {
  let child = openChild
  let childChanged = false
  for (let depth = stack.length - 1; depth >= 0; depth--) {
    const container = stack[depth]!
    if (container.dirty || childChanged || container.snapshot === undefined) {
      child = buildSnapshot(container, child)
      childChanged = true
    } else {
      child = container.snapshot
      childChanged = false
    }
  }
  return child as object
}

/** Defines an own property even for `__proto__`, which plain assignment would treat as the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}
