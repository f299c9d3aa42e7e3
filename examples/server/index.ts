/**
 * The Rivulet example backend: `npx tsx examples/server/index.ts`, then open http://127.0.0.1:8787.
 *
 * - POST /api/chat                     streams an answer (Rivulet protocol v1)
 * - GET  /api/chat/:streamId/resume    replays a dropped stream from Last-Event-ID
 * - GET  /                             the chat page (public/index.html when built)
 *
 * With no API key it answers with a built-in fake model; with OPENAI_API_KEY or
 * ANTHROPIC_API_KEY set it calls that provider. Plain node:http and Web streams, no framework.
 */
import { createServer } from 'node:http'
import { sendWebResponse, toWebRequest } from '../../src/server/node-http.ts'
import { createApp } from './app.ts'

const PORT = Number(process.env['PORT'] ?? 8787)
const HOST = '127.0.0.1'
const OPENAI_API_KEY = process.env['OPENAI_API_KEY']
const ANTHROPIC_API_KEY = process.env['ANTHROPIC_API_KEY']
const model = OPENAI_API_KEY ? 'openai' : ANTHROPIC_API_KEY ? 'anthropic' : 'fake'
const handle = createApp({ model, openaiApiKey: OPENAI_API_KEY, anthropicApiKey: ANTHROPIC_API_KEY })

const server = createServer((req, res) => {
  const request = toWebRequest(req, res)
  handle(request)
    .then((response) => sendWebResponse(res, response, { http2: req.httpVersionMajor >= 2 }))
    .catch((error: unknown) => {
      console.error('[rivulet example] request failed:', error)
      if (!res.headersSent) res.statusCode = 500
      res.end()
    })
})

server.listen(PORT, HOST, () => {
  console.log(`Rivulet example server on http://${HOST}:${PORT} (model: ${model})`)
})
