import { useCallback, useState } from 'react'

/** Options of {@link useControllableValue}. */
export interface UseControllableValueOptions<T> {
  /** When defined, the caller owns the value. */
  value: T | undefined
  defaultValue: T
  onChange?: ((value: T) => void) | undefined
}

/**
 * Controlled-or-uncontrolled state in the Radix manner: with `value` the caller owns
 * it and hears changes through `onChange`; without, it lives here, seeded by
 * `defaultValue`, and `onChange` still reports each change.
 *
 * @example
 * const [text, setText] = useControllableValue({ value: props.value, defaultValue: '', onChange: props.onValueChange })
 */
export function useControllableValue<T>(options: UseControllableValueOptions<T>): [T, (next: T) => void] {
  const { value, defaultValue, onChange } = options
  const [own, setOwn] = useState(defaultValue)
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
