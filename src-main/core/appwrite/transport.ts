/**
 * The HTTP layer of the Account client: builds requests the way a native Appwrite SDK does and
 * turns every answer (or the lack of one) into a value or one of our two error classes.
 *
 * - No Origin/Referer: for write requests Appwrite checks a present origin against the project's
 *   platforms (`general_unknown_origin`); a native client sends none (appwrite-behaviour §1.1).
 * - GET parameters go in the query string with arrays flattened as `key[0]=…&key[1]=…` and
 *   booleans as strings; every other method sends a JSON body, DELETE included (`{}`) (§1.5).
 * - Redirects are never followed (`maxRedirects: 0`).
 * - Answers over MAX_RESPONSE_BYTES and requests over MAX_REQUEST_BYTES are cut off with a
 *   TooLargeError (the largest Appwrite answer, a page of logs, is well under 1 MB).
 * - axios errors are never rethrown: they carry the request config, and with it the session
 *   header. They become a NetworkError with primitive fields only.
 * - Every request ends within `timeoutMs`, answer included. axios's own `timeout` only watches a
 *   quiet socket once the headers are in, so a server that sends its body a byte at a time (or a
 *   link that stalls mid-body and keeps the socket alive) could hold a call open for ever; a
 *   deadline of our own aborts it and reports it as the timeout it is (docs/reliability.md §3).
 */
import axios, { type AxiosAdapter, type AxiosInstance, type AxiosResponse } from 'axios'
import { AppwriteError, NetworkError, TooLargeError, type NetworkFailure, type RateLimitInfo } from './errors'

export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024
export const MAX_REQUEST_BYTES = 1024 * 1024
const MEGABYTE = 1024 * 1024

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export type ParamValue = string | number | boolean | null | undefined | readonly string[] | { readonly [key: string]: unknown }
export type Params = { readonly [key: string]: ParamValue }

export interface TransportOptions {
  readonly endpoint: string
  readonly projectId: string
  readonly userAgent: string
  readonly timeoutMs: number
  readonly adapter?: AxiosAdapter
  /** Headers added to every request (project, SDK identification, …). */
  readonly baseHeaders: Readonly<Record<string, string>>
  /** Per-request credentials and locale; read at request time. */
  readonly dynamicHeaders: () => Readonly<Record<string, string>>
  /** Values that must never appear in an error we raise (the session, the JWT). */
  readonly secrets: () => readonly string[]
}

export interface RawResponse {
  readonly status: number
  readonly body: unknown
  readonly setCookie: readonly string[] | undefined
  readonly fallbackCookies: string | undefined
}

/** `key[0]=…` flattening as the SDKs do it; `undefined` and `null` are left out. */
export function encodeQuery(params: Params): string {
  const search = new URLSearchParams()
  const add = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => add(`${key}[${index}]`, item))
      return
    }
    if (typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) add(`${key}[${inner}]`, innerValue)
      return
    }
    search.append(key, String(value))
  }
  for (const [key, value] of Object.entries(params)) add(key, value)
  return search.toString()
}

/** Drops `undefined` members so they are not sent (JSON.stringify would do it too; this keeps intent visible). */
function compact(params: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value
  return out
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\./.test(hostname)
}

function headerString(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return undefined
}

function readRateLimit(headers: AxiosResponse['headers']): RateLimitInfo | undefined {
  const limit = Number(headerString(headers['x-ratelimit-limit']))
  const remaining = Number(headerString(headers['x-ratelimit-remaining']))
  const reset = Number(headerString(headers['x-ratelimit-reset']))
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset)) return undefined
  if (headerString(headers['x-ratelimit-limit']) === undefined) return undefined
  return { limit, remaining, reset }
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length < 8) continue
    out = out.split(secret).join('[redacted]')
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) out = out.split(encoded).join('[redacted]')
  }
  return out
}

interface AppwriteErrorJson {
  readonly message: string
  readonly code?: number
  readonly type?: string
}

function isAppwriteErrorJson(value: unknown): value is AppwriteErrorJson {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string'
}

function pick<K extends string>(source: unknown, key: K): unknown {
  return typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[key] : undefined
}

/** Which of axios's size caps an error comes from, if any (axios marks them only in the message). */
function sizeCapHit(error: unknown): 'response' | 'request' | null {
  const message = pick(error, 'message')
  if (typeof message !== 'string') return null
  if (message.includes('maxContentLength')) return 'response'
  if (message.includes('maxBodyLength')) return 'request'
  return null
}

/** Primitive fields of the low-level error only (axios errors hold the request and its headers). */
function describeFailure(error: unknown): NetworkFailure {
  const root = pick(error, 'cause') ?? error
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
  const code = str(pick(root, 'code')) ?? str(pick(error, 'code'))
  const failure: { -readonly [K in keyof NetworkFailure]: NetworkFailure[K] } = {}
  if (code !== undefined) failure.code = code
  const syscall = str(pick(root, 'syscall'))
  if (syscall !== undefined) failure.syscall = syscall
  const address = str(pick(root, 'address'))
  if (address !== undefined) failure.address = address
  const port = pick(root, 'port')
  if (typeof port === 'number') failure.port = port
  const hostname = str(pick(root, 'hostname'))
  if (hostname !== undefined) failure.hostname = hostname
  return failure
}

function describeNetworkProblem(failure: NetworkFailure, target: string, timeoutMs: number): string {
  switch (failure.code) {
    case 'ECONNREFUSED':
      return `Could not connect to ${target}: connection refused`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not resolve the host of ${target}`
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
      return `No answer from ${target} within ${timeoutMs} ms`
    case 'ECONNRESET':
      return `The connection to ${target} was reset`
    case 'ERR_BAD_RESPONSE':
      return `The connection to ${target} closed before the whole answer arrived`
    case 'ERR_CANCELED':
      return `The request to ${target} was cancelled`
    default:
      return `Could not reach ${target}${failure.code !== undefined ? ` (${failure.code})` : ''}`
  }
}

export class Transport {
  readonly endpoint: string
  private readonly http: AxiosInstance
  private readonly target: string

  constructor(private readonly options: TransportOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '')
    const url = new URL(this.endpoint)
    // Only scheme, host and port in messages: an endpoint could carry userinfo.
    this.target = `${url.protocol}//${url.host}`
    this.http = axios.create({
      timeout: options.timeoutMs,
      maxRedirects: 0,
      maxContentLength: MAX_RESPONSE_BYTES,
      maxBodyLength: MAX_REQUEST_BYTES,
      // We read every status ourselves; axios throws only when there was no answer.
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      // A system HTTP proxy must not swallow the local sandbox.
      ...(isLoopback(url.hostname) ? { proxy: false as const } : {}),
      ...(options.adapter !== undefined ? { adapter: options.adapter } : {}),
    })
  }

  /** Absolute URL for a path and query parameters (also used for the OAuth2 URLs we never request). */
  url(path: string, params: Params = {}): string {
    const query = encodeQuery(params)
    return `${this.endpoint}${path}${query === '' ? '' : `?${query}`}`
  }

  async request(method: HttpMethod, path: string, params: Params = {}): Promise<RawResponse> {
    const headers: Record<string, string> = {
      ...this.options.baseHeaders,
      'User-Agent': this.options.userAgent,
      accept: 'application/json',
      ...this.options.dynamicHeaders(),
    }
    let url: string
    let data: string | undefined
    if (method === 'GET') {
      url = this.url(path, params)
    } else {
      url = this.url(path)
      headers['content-type'] = 'application/json'
      data = JSON.stringify(compact(params))
    }

    let response: AxiosResponse<unknown>
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), this.options.timeoutMs)
    try {
      response = await this.http.request<unknown>({ method, url, headers, data, signal: deadline.signal })
    } catch (error: unknown) {
      const tooLarge = sizeCapHit(error)
      if (tooLarge === 'response')
        throw new TooLargeError(`The answer from ${this.target} was larger than ${MAX_RESPONSE_BYTES / MEGABYTE} MB, so it was not read.`)
      if (tooLarge === 'request') throw new TooLargeError(`The request was larger than ${MAX_REQUEST_BYTES / MEGABYTE} MB, so it was not sent.`)
      const failure: NetworkFailure = deadline.signal.aborted ? { code: 'ETIMEDOUT' } : describeFailure(error)
      throw new NetworkError(redact(describeNetworkProblem(failure, this.target, this.options.timeoutMs), this.options.secrets()), failure)
    } finally {
      clearTimeout(timer)
    }
    return this.interpret(response)
  }

  /**
   * Asks for a URL the browser will be sent to (the OAuth2 start routes), as the browser would but
   * without following the redirect and without any credential of ours: a 3xx means the server
   * would send the browser on; anything else is its refusal. Only URLs under this endpoint.
   */
  async peek(url: string): Promise<{ readonly status: number; readonly contentType: string; readonly text: string }> {
    if (!url.startsWith(`${this.endpoint}/`)) throw new Error('peek: the URL is not on this endpoint')
    let response: AxiosResponse<unknown>
    try {
      response = await this.http.request<unknown>({
        method: 'GET',
        url,
        headers: { 'User-Agent': this.options.userAgent, accept: 'text/html,application/json;q=0.9' },
      })
    } catch (error: unknown) {
      const failure = describeFailure(error)
      throw new NetworkError(redact(describeNetworkProblem(failure, this.target, this.options.timeoutMs), this.options.secrets()), failure)
    }
    return {
      status: response.status,
      contentType: headerString(response.headers['content-type']) ?? '',
      text: typeof response.data === 'string' ? response.data.slice(0, 64 * 1024) : '',
    }
  }

  private interpret(response: AxiosResponse<unknown>): RawResponse {
    const status = response.status
    const text = typeof response.data === 'string' ? response.data : ''
    const contentType = headerString(response.headers['content-type']) ?? ''
    const isJson = contentType.toLowerCase().includes('application/json')
    let body: unknown = undefined
    let parsed = false
    if (text !== '' && isJson) {
      try {
        body = JSON.parse(text)
        parsed = true
      } catch {
        parsed = false
      }
    }

    if (status >= 200 && status < 300) {
      if (status === 204 || text === '') {
        return this.raw(response, undefined)
      }
      if (!parsed) {
        throw new AppwriteError(
          `The server answered HTTP ${status} with a body that is not JSON`,
          status,
          'general_server_error',
          redact(text, this.options.secrets()),
        )
      }
      return this.raw(response, body)
    }

    const secrets = this.options.secrets()
    const rateLimit = readRateLimit(response.headers)
    if (parsed && isAppwriteErrorJson(body)) {
      const code = typeof body.code === 'number' && body.code > 0 ? body.code : status
      const type = typeof body.type === 'string' && body.type !== '' ? body.type : 'unknown'
      throw new AppwriteError(redact(body.message, secrets), code, type, redact(text, secrets), rateLimit)
    }
    throw new AppwriteError(
      `The server answered HTTP ${status}${text === '' ? ' with an empty body' : ' with a body that is not Appwrite JSON'}`,
      status,
      status >= 500 ? 'general_server_error' : 'unknown',
      redact(text, secrets),
      rateLimit,
    )
  }

  private raw(response: AxiosResponse<unknown>, body: unknown): RawResponse {
    const setCookieHeader: unknown = response.headers['set-cookie']
    const setCookie = Array.isArray(setCookieHeader)
      ? setCookieHeader.filter((v): v is string => typeof v === 'string')
      : typeof setCookieHeader === 'string'
        ? [setCookieHeader]
        : undefined
    return {
      status: response.status,
      body,
      setCookie,
      fallbackCookies: headerString(response.headers['x-fallback-cookies']),
    }
  }
}
