import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { mockChatStream } from '../src/mocks/mock-chat-stream.ts'
import { objectScript, recipe, RecipeForm, TripCards, trips } from './support/object-demos.tsx'

interface Args {
  demo: 'form' | 'cards'
  /** The document the mock model streams. */
  document: unknown
  tokensPerSecond: number
}

const meta: Meta<Args> = {
  title: 'Structured output/useObject',
  args: { demo: 'form', document: recipe, tokensPerSecond: 60 },
  argTypes: { demo: { control: false }, document: { control: 'object' }, tokensPerSecond: { control: { type: 'range', min: 5, max: 1000, step: 5 } } },
  beforeEach({ msw, args }) {
    const mock = mockChatStream({ url: '/api/object', script: () => objectScript(args.document), tokensPerSecond: args.tokensPerSecond, ttft: 300 })
    msw.use(...mock.handlers)
  },
  render: (args) => (args.demo === 'form' ? <RecipeForm /> : <TripCards />),
}
export default meta

type Story = StoryObj<Args>

const statusOf = (canvasElement: HTMLElement) => canvasElement.querySelector('output')!.getAttribute('data-status')
const skeletons = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll('[data-skeleton]')].map((s) => s.getAttribute('aria-label'))

/** The model fills the form in order: earlier fields show while later ones are still skeletons. */
export const FormFillsFieldByField: Story = {
  args: { tokensPerSecond: 120 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    expect(skeletons(canvasElement)).toHaveLength(5)
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }))
    await waitFor(() => expect(canvasElement.querySelector('[data-field="Cuisine"]')).toHaveTextContent('Levantine'), { timeout: 15_000 })
    expect(skeletons(canvasElement)).toContain('Steps loading')
    await waitFor(() => expect(statusOf(canvasElement)).toBe('ready'), { timeout: 20_000 })
    expect(skeletons(canvasElement)).toEqual([])
    expect(canvas.getAllByRole('listitem')).toHaveLength(recipe.ingredients.length + recipe.steps.length)
  },
}

/** Each card appears only once it is complete: no half-written card ever shows. */
export const CardsAppearOneByOne: Story = {
  args: { demo: 'cards', document: trips, tokensPerSecond: 150 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }))
    const seen = new Set<number>()
    await waitFor(
      () => {
        const cards = canvasElement.querySelectorAll('[data-card]')
        seen.add(cards.length)
        cards.forEach((card, i) => expect(card.querySelector('small')).toHaveTextContent(`${trips.trips[i]!.days} days`))
        expect(statusOf(canvasElement)).toBe('ready')
      },
      { timeout: 20_000, interval: 20 },
    )
    expect(canvasElement.querySelectorAll('[data-card]')).toHaveLength(trips.trips.length)
    // The list grew through intermediate counts rather than appearing all at once.
    expect([...seen].filter((n) => n > 0 && n < trips.trips.length).length).toBeGreaterThan(0)
  },
}

/** The finished object does not match the schema: the error names the path; the form stays filled. */
export const SchemaFailure: Story = {
  args: { document: { ...recipe, servings: 'four' }, tokensPerSecond: 400 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }))
    const alert = await canvas.findByRole('alert', {}, { timeout: 20_000 })
    expect(alert).toHaveTextContent(/^Schema mismatch at servings: /)
    expect(statusOf(canvasElement)).toBe('error')
    expect(canvasElement.querySelector('[data-field="Name"]')).toHaveTextContent(recipe.name)
    expect(canvasElement.querySelector('[data-field="Servings"]')).toHaveTextContent('four')
  },
}

/** Stop midway: the request is aborted, what arrived stays, the rest keeps its skeletons. */
export const StopMidway: Story = {
  args: { tokensPerSecond: 40 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }))
    await waitFor(() => expect(canvasElement.querySelector('[data-field="Name"]')).toHaveTextContent('Lentil'), { timeout: 15_000 })
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    expect(statusOf(canvasElement)).toBe('ready')
    const name = canvasElement.querySelector('[data-field="Name"]')!.textContent
    expect(skeletons(canvasElement)).toContain('Steps loading')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(canvasElement.querySelector('[data-field="Name"]')!.textContent).toBe(name)
    expect(canvas.queryByRole('alert')).toBeNull()
  },
}
