import { useCallback, useState } from 'react'

/** Options of {@link useControllableState}. */
export interface UseControllableStateOptions<T> {
  /** When defined, the caller owns the value and this hook never changes it on its own. */
  value: T | undefined
  /** The uncontrolled starting value (read once). */
  defaultValue: T | undefined
  /** Called with every requested change, controlled or not. */
  onChange?: ((value: T) => void) | undefined
}

/**
 * The one controlled-or-uncontrolled state of the components, in the Radix manner: with
 * `value` the caller owns it and hears changes through `onChange`; without, it lives here,
 * seeded by `defaultValue`, and `onChange` still reports each change. The result is
 * `undefined` while uncontrolled with no default and no change yet, so a caller can fall back
 * to a value that follows its content (see `useDisclosure`).
 *
 * @example
 * const [text = '', setText] = useControllableState({ value: props.value, defaultValue: props.defaultValue, onChange: props.onValueChange })
 */
export function useControllableState<T>(options: UseControllableStateOptions<T>): [T | undefined, (next: T) => void] {
  const { value, defaultValue, onChange } = options
  const [own, setOwn] = useState<T | undefined>(defaultValue)
  const controlled = value !== undefined
  const setValue = useCallback(
    (next: T) => {
      if (!controlled) setOwn(next)
      onChange?.(next)
    },
    [controlled, onChange],
  )
  return [controlled ? value : own, setValue]
}
