import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { defaultLabels, mergeLabels, type LabelOverrides, type RivuletLabels } from './labels.ts'

const LabelsContext = createContext<RivuletLabels>(defaultLabels)

/** Props of {@link LabelsProvider}. */
export interface LabelsProviderProps {
  /** The words to change; everything left out comes from the provider above, or English. */
  labels?: LabelOverrides
  children?: ReactNode
}

/**
 * Translates every Rivulet component below it. Providers nest: an inner one overrides only
 * what it names. Pass a stable object (a constant or `useMemo`), as with any context value.
 *
 * @example
 * <LabelsProvider labels={{ locale: 'de', composer: { send: 'Senden' } }}>
 *   <Chat api="/api/chat" />
 * </LabelsProvider>
 */
export function LabelsProvider({ labels, children }: LabelsProviderProps) {
  const parent = useContext(LabelsContext)
  const merged = useMemo(() => mergeLabels(parent, labels), [parent, labels])
  return <LabelsContext.Provider value={merged}>{children}</LabelsContext.Provider>
}

/**
 * The labels in effect here: the nearest provider's, or English.
 *
 * @example
 * const labels = useLabels()
 * return <button>{labels.retry}</button>
 */
export function useLabels(): RivuletLabels {
  return useContext(LabelsContext)
}
