#!/usr/bin/env node
// `npm test`'s pretest step: installs test/react18 (React 18.3 and the Testing Library
// packages that import React) for the unit-react18 and browser-react18 Vitest projects,
// unless exactly the declared versions are there already. It is a package of its own because
// react-dom 18 cannot sit next to the root's React 19 in one node_modules.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('../test/react18/', import.meta.url))
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))
const { dependencies } = readJson(`${dir}package.json`)

const upToDate = Object.entries(dependencies).every(([name, version]) => {
  const installed = `${dir}node_modules/${name}/package.json`
  return existsSync(installed) && readJson(installed).version === version
})

if (!upToDate) {
  console.log('Installing React 18.3 for the *-react18 test projects (test/react18)…')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(npm, ['ci', '--prefix', dir, '--no-audit', '--no-fund'], { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
