/**
 * Request bodies: JSON (what every SDK sends, DELETE included), form-urlencoded, and simple
 * multipart form fields (appwrite-behaviour §1.5). Size-limited; anything unreadable is a 400, never a 5xx.
 * JSON is read only when it is declared as `application/json`: a page can send `text/plain` (or
 * no type) without a CORS preflight, so guessing JSON there would let any site write.
 */
import type { IncomingMessage } from 'node:http'
import { AppwriteError } from '../errors'
import { parseQueryString } from './query-string'

/** Account bodies are small (prefs ≤ 64 KiB); 1 MiB leaves room and caps memory per request. */
export const MAX_BODY_BYTES = 1024 * 1024

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      req.resume()
      reject(new AppwriteError('general_argument_invalid', `Request body is too large: the limit is ${limit} bytes.`, 400))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > limit) {
        failed = true
        reject(new AppwriteError('general_argument_invalid', `Request body is too large: the limit is ${limit} bytes.`, 400))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks))
    })
    req.on('error', (error) => {
      if (!failed) {
        failed = true
        reject(error)
      }
    })
  })
}

function parseMultipart(body: Buffer, contentType: string): Record<string, unknown> {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary) throw new AppwriteError('general_bad_request', 'Multipart body without a boundary.')
  const text = body.toString('utf8')
  const out: Record<string, unknown> = {}
  for (const part of text.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd === -1) continue
    const headers = part.slice(0, headerEnd)
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    if (!name) continue
    let value = part.slice(headerEnd + 4)
    if (value.endsWith('\r\n')) value = value.slice(0, -2)
    const arrayName = /^(.+)\[\]$/.exec(name)?.[1]
    if (arrayName) {
      const list = Array.isArray(out[arrayName]) ? (out[arrayName] as unknown[]) : []
      list.push(value)
      out[arrayName] = list
    } else out[name] = value
  }
  return out
}

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
function isJsonType(type: string): boolean {
  const semicolon = type.indexOf(';')
  return (semicolon === -1 ? type : type.slice(0, semicolon)).trim() === 'application/json'
}

/** Decode a body into request values. An empty body is `{}`. */
export function parseBody(body: Buffer, contentType: string | undefined): Record<string, unknown> {
  if (body.length === 0) return {}
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('application/x-www-form-urlencoded')) return parseQueryString(body.toString('utf8'))
  if (type.includes('multipart/form-data')) return parseMultipart(body, contentType ?? '')
  if (!isJsonType(type)) {
    throw new AppwriteError(
      'general_bad_request',
      `Unsupported Content-Type "${(contentType ?? 'none').slice(0, 100)}": send the parameters as JSON with Content-Type: application/json (or as a form).`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch (error) {
    throw new AppwriteError('general_bad_request', `Invalid JSON body: ${(error as Error).message}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AppwriteError('general_bad_request', 'Invalid JSON body: the body must be a JSON object of parameters.')
  }
  return parsed as Record<string, unknown>
}
