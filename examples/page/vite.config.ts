// Builds the example page into examples/server/public, which the example server serves at /.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  publicDir: false,
  build: { outDir: fileURLToPath(new URL('../server/public', import.meta.url)), emptyOutDir: true },
})
