/**
 * A minimal browser for redirect flows: fetch with `redirect: 'manual'`, one cookie jar per
 * host (cookie paths ignored — enough for an OIDC provider and the sandbox), and a loop that
 * follows Location headers hop by hop so a test sees every response on the way.
 */

export interface Hop {
  readonly url: string
  readonly status: number
  readonly headers: Headers
  readonly body: string
}

export class Browser {
  private readonly jars = new Map<string, Map<string, string>>()

  /** Cookies the browser holds for `host` (host:port). */
  cookies(host: string): ReadonlyMap<string, string> {
    return this.jars.get(host) ?? new Map()
  }

  setCookie(host: string, name: string, value: string): void {
    const jar = this.jars.get(host) ?? new Map<string, string>()
    jar.set(name, value)
    this.jars.set(host, jar)
  }

  private store(url: URL, headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expires = attributes.map((a) => a.trim()).find((a) => /^expires=/i.test(a))
      const maxAge = attributes.map((a) => a.trim()).find((a) => /^max-age=/i.test(a))
      const expired = (expires !== undefined && Date.parse(expires.slice(8)) <= Date.now()) || (maxAge !== undefined && Number(maxAge.slice(8)) <= 0)
      const jar = this.jars.get(url.host) ?? new Map<string, string>()
      if (expired) jar.delete(name)
      else jar.set(name, value)
      this.jars.set(url.host, jar)
    }
  }

  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Hop> {
    const target = new URL(url)
    const jar = this.jars.get(target.host)
    const headers: Record<string, string> = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AccountConsoleTest/1.0', ...init.headers }
    if (jar !== undefined && jar.size > 0) {
      headers['cookie'] = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    }
    let body: string | undefined
    if (init.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(init.form).toString()
    }
    const response = await fetch(target, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' })
    this.store(target, response.headers)
    return { url, status: response.status, headers: response.headers, body: await response.text() }
  }

  /**
   * Requests `url` and follows redirects until a response is not a redirect or its Location
   * satisfies `stopAt` (that Location is then not fetched). Returns every hop.
   */
  async follow(url: string, stopAt: (location: URL) => boolean = () => false, maxHops = 20): Promise<{ hops: Hop[]; final: Hop; stoppedAt?: URL }> {
    const hops: Hop[] = []
    let next = url
    let init: { form?: Record<string, string> } = {}
    for (let i = 0; i < maxHops; i++) {
      const hop = await this.request(next, init)
      hops.push(hop)
      init = {}
      const location = hop.headers.get('location')
      if (hop.status < 300 || hop.status >= 400 || location === null) return { hops, final: hop }
      const resolved = new URL(location, next)
      if (stopAt(resolved)) return { hops, final: hop, stoppedAt: resolved }
      next = resolved.toString()
    }
    throw new Error(`more than ${maxHops} redirects from ${url}`)
  }

  /** Submits a form and follows the redirects it causes. */
  async submit(
    url: string,
    form: Record<string, string>,
    stopAt: (location: URL) => boolean = () => false,
  ): Promise<{ hops: Hop[]; final: Hop; stoppedAt?: URL }> {
    const first = await this.request(url, { form })
    const location = first.headers.get('location')
    if (first.status < 300 || first.status >= 400 || location === null) return { hops: [first], final: first }
    const resolved = new URL(location, url)
    if (stopAt(resolved)) return { hops: [first], final: first, stoppedAt: resolved }
    const rest = await this.follow(resolved.toString(), stopAt)
    return { ...rest, hops: [first, ...rest.hops] }
  }
}
