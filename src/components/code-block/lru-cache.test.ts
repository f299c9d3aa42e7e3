import { expect, it } from 'vitest'
import { createLruCache } from './lru-cache.ts'

it('evicts the least recently used entry when full', () => {
  const cache = createLruCache<string, number>(2)
  cache.set('a', 1)
  cache.set('b', 2)
  expect(cache.get('a')).toBe(1)
  cache.set('c', 3)
  expect(cache.get('b')).toBeUndefined()
  expect(cache.get('a')).toBe(1)
  expect(cache.get('c')).toBe(3)
  expect(cache.size).toBe(2)
})

it('evicts by weight, as many stale entries as it takes', () => {
  const cache = createLruCache<string, string[]>(10, (lines) => lines.length)
  cache.set('a', ['1', '2', '3', '4'])
  cache.set('b', ['1', '2', '3', '4'])
  cache.set('c', ['1', '2'])
  expect(cache.size).toBe(3)
  cache.set('d', Array.from({ length: 8 }, String))
  expect(cache.get('a')).toBeUndefined()
  expect(cache.get('b')).toBeUndefined()
  expect(cache.get('c')).toHaveLength(2)
  expect(cache.get('d')).toHaveLength(8)
})

it('does not keep an entry heavier than the whole budget', () => {
  const cache = createLruCache<string, string[]>(3, (lines) => lines.length)
  cache.set('small', ['1'])
  cache.set('huge', ['1', '2', '3', '4'])
  expect(cache.get('huge')).toBeUndefined()
  expect(cache.get('small')).toEqual(['1'])
})

it('replacing a key does not count it twice', () => {
  const cache = createLruCache<string, string[]>(4, (lines) => lines.length)
  cache.set('a', ['1', '2', '3'])
  cache.set('a', ['1', '2', '3'])
  cache.set('b', ['1'])
  expect(cache.size).toBe(2)
})
