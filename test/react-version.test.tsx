import { version as reactVersion, useState } from 'react'
import { version as domVersion } from 'react-dom'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { StreamingMarkdown } from '../src/index.ts'
import { expectedReactMajor } from './support/react-major.ts'

function Counter() {
  const [count, setCount] = useState(0)
  return <button onClick={() => setCount(count + 1)}>clicked {count}</button>
}

it('runs the React this project is configured for (the 18.3 projects really load 18.3)', () => {
  expect(reactVersion.split('.')[0]).toBe(expectedReactMajor())
  expect(domVersion).toBe(reactVersion)
})

it('renders through Testing Library and user-event with that same React, markdown included', async () => {
  render(
    <>
      <Counter />
      <StreamingMarkdown>{'**bold** text'}</StreamingMarkdown>
    </>,
  )
  await userEvent.click(screen.getByRole('button', { name: 'clicked 0' }))
  expect(screen.getByRole('button', { name: 'clicked 1' })).toBeInTheDocument()
  expect(screen.getByText('bold').tagName).toBe('STRONG')
})
