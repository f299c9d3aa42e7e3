import { useCallback } from 'react'
import { useControllableState } from './use-controllable-state.ts'

/** Options of {@link useDisclosure}. */
export interface UseDisclosureOptions {
  /** Controlled open state. When set, the hook never changes it on its own. */
  open?: boolean
  /** Uncontrolled initial state. When set, it wins over `autoOpen` from the start. */
  defaultOpen?: boolean
  /** Called with the requested state on every toggle, controlled or not. */
  onOpenChange?: (open: boolean) => void
  /**
   * What an uncontrolled disclosure shows until the user toggles it. Unlike `defaultOpen`
   * it is read on every render, so it can follow the content (a tool card folds itself
   * away when its call succeeds); after the first toggle the user's choice sticks.
   */
  autoOpen?: boolean
}

/** Result of {@link useDisclosure}. */
export interface UseDisclosureResult {
  open: boolean
  setOpen: (open: boolean) => void
  toggle: () => void
}

/**
 * Open/closed state for a collapsible part, controlled (`open` + `onOpenChange`) or
 * uncontrolled (`defaultOpen`, else `autoOpen`), the way Radix primitives behave.
 *
 * @example
 * const { open, toggle } = useDisclosure({ defaultOpen: false, onOpenChange })
 * <button aria-expanded={open} onClick={toggle}>Details</button>
 */
export function useDisclosure({ open, defaultOpen, onOpenChange, autoOpen = false }: UseDisclosureOptions): UseDisclosureResult {
  // undefined until the user (or defaultOpen) decides, so autoOpen keeps tracking content.
  const [chosen, setOpen] = useControllableState({ value: open, defaultValue: defaultOpen, onChange: onOpenChange })
  const current = chosen ?? autoOpen
  const toggle = useCallback(() => setOpen(!current), [setOpen, current])

  return { open: current, setOpen, toggle }
}
