import type { CSSProperties, ReactNode } from 'react'
import { z } from 'zod'
import { completeElements } from '../../src/core/object/complete-elements.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../../src/protocol/events.ts'
import { useObject } from '../../src/react/use-object.ts'

export const Recipe = z.object({
  name: z.string(),
  cuisine: z.string(),
  servings: z.number().int().positive(),
  ingredients: z.array(z.string()),
  steps: z.array(z.string()),
})
export type Recipe = z.infer<typeof Recipe>

export const recipe: Recipe = {
  name: 'Lentil soup with lemon and cumin',
  cuisine: 'Levantine',
  servings: 4,
  ingredients: ['1 cup red lentils', '1 onion, diced', '2 cloves garlic', '1 tsp cumin', '1 lemon', '5 cups stock'],
  steps: [
    'Soften the onion and garlic in olive oil.',
    'Add the cumin, then the lentils and stock; simmer 20 minutes.',
    'Blend half of it, squeeze in the lemon and season.',
  ],
}

export const Trips = z.object({
  trips: z.array(z.object({ city: z.string(), country: z.string(), why: z.string(), days: z.number() })),
})
export type Trips = z.infer<typeof Trips>

export const trips: Trips = {
  trips: [
    { city: 'Lyon', country: 'France', why: 'Bouchons, traboules and two rivers.', days: 3 },
    { city: 'Ljubljana', country: 'Slovenia', why: 'A green old town on a small river.', days: 2 },
    { city: 'Porto', country: 'Portugal', why: 'Tiles, port cellars and the Douro.', days: 4 },
    { city: 'Ghent', country: 'Belgium', why: 'Canals without the crowds of Bruges.', days: 2 },
    { city: 'Trieste', country: 'Italy', why: 'Coffee houses on the Adriatic.', days: 3 },
  ],
}

/** The document as Rivulet `object_delta` events of a few characters, like model tokens. */
export function objectScript(value: unknown, size = 6): ChatEvent[] {
  const text = JSON.stringify(value, null, 1)
  const events: UnsequencedChatEvent[] = [{ type: 'start', streamId: `object-${text.length}` }]
  for (let i = 0; i < text.length; i += size) events.push({ type: 'object_delta', delta: text.slice(i, i + size) })
  events.push({ type: 'done', finishReason: 'stop' })
  return events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
}

const skeletonStyle: CSSProperties = {
  display: 'inline-block',
  width: '12em',
  height: '1em',
  borderRadius: 4,
  background: 'color-mix(in srgb, currentColor 12%, transparent)',
  verticalAlign: 'middle',
}

/** A field's value, or a skeleton bar while it has not arrived. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div data-field={label} style={{ marginBlock: 8 }}>
      <strong>{label}: </strong>
      {children ?? <span data-skeleton="" role="img" aria-label={`${label} loading`} style={skeletonStyle} />}
    </div>
  )
}

/** The app's own buttons (useObject is headless): plain, but styled as a real app would. */
const buttonStyle = (primary: boolean, disabled: boolean): CSSProperties => ({
  padding: '6px 14px',
  borderRadius: 8,
  border: '1px solid color-mix(in srgb, currentColor 25%, transparent)',
  background: primary ? '#4f46e5' : 'transparent',
  color: primary ? 'white' : 'inherit',
  font: 'inherit',
  fontSize: 14,
  cursor: disabled ? 'default' : 'pointer',
  opacity: disabled ? 0.45 : 1,
})

function Controls({ isLoading, submit, stop, status, error }: { isLoading: boolean; submit: () => void; stop: () => void; status: string; error?: { message: string } }) {
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
      <button type="button" onClick={submit} disabled={isLoading} style={buttonStyle(true, isLoading)}>
        Generate
      </button>
      <button type="button" onClick={stop} disabled={!isLoading} style={buttonStyle(false, !isLoading)}>
        Stop
      </button>
      <output data-status={status} style={{ fontSize: 13, opacity: 0.7 }}>
        {status}
      </output>
      {error && (
        <p role="alert" style={{ color: 'crimson', margin: 0 }}>
          {error.message}
        </p>
      )}
    </div>
  )
}

/** A recipe form the model fills in field by field; missing fields show a skeleton. */
export function RecipeForm() {
  const { object, error, status, isLoading, submit, stop } = useObject({ api: '/api/object', schema: Recipe })
  return (
    <section style={{ maxWidth: 560, fontFamily: 'system-ui' }}>
      <Controls isLoading={isLoading} submit={() => void submit({ dish: 'soup' })} stop={stop} status={status} error={error} />
      <Field label="Name">{object?.name}</Field>
      <Field label="Cuisine">{object?.cuisine}</Field>
      <Field label="Servings">{object?.servings}</Field>
      <Field label="Ingredients">
        {object?.ingredients && (
          <ul>
            {object.ingredients.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        )}
      </Field>
      <Field label="Steps">
        {object?.steps && (
          <ol>
            {object.steps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        )}
      </Field>
    </section>
  )
}

/** Trip cards that appear one at a time, each only once it is complete. */
export function TripCards() {
  const { object, error, status, isLoading, submit, stop } = useObject({ api: '/api/object', schema: Trips })
  const finished = completeElements(object?.trips)
  return (
    <section style={{ maxWidth: 720, fontFamily: 'system-ui' }}>
      <Controls isLoading={isLoading} submit={() => void submit({ season: 'spring' })} stop={stop} status={status} error={error} />
      <ul aria-label="Trips" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 12, padding: 0, listStyle: 'none' }}>
        {finished.map((trip, i) => (
          <li key={i} data-card="" style={{ border: '1px solid color-mix(in srgb, currentColor 20%, transparent)', borderRadius: 8, padding: 12 }}>
            <h3 style={{ margin: 0 }}>
              {trip?.city}, {trip?.country}
            </h3>
            <p>{trip?.why}</p>
            <small>{trip?.days} days</small>
          </li>
        ))}
        {isLoading && (
          <li aria-hidden="true" style={{ ...skeletonStyle, width: '100%', height: 96 }} />
        )}
      </ul>
    </section>
  )
}
