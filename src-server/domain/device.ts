/**
 * Device and location fields of Session and Log models (appwrite-behaviour §3.3, §4).
 *
 * Appwrite uses Matomo DeviceDetector; we use ua-parser-js and map its names onto Matomo's
 * short codes where we know them (unknown → ""). Matomo knows clients only from its own list of
 * patterns (browsers, libraries, known apps): a User-Agent whose product it does not list — this
 * app's "AccountConsole/<version> (<OS>)" — gets empty client fields, with the OS still read from
 * the parentheses. ua-parser-js does the same, and the sandbox deliberately invents no client name
 * Appwrite would not report. Country comes from a GeoIP database in
 * Appwrite; the sandbox has none, so every address reports `--` / `Unknown`, which is exactly
 * what Appwrite reports for the loopback and private addresses the sandbox actually sees.
 */
import UAParser from 'ua-parser-js'
import type { DeviceFields } from '../../src-shared/appwrite'

/** The same fields as Appwrite's models carry them. */
export type DeviceInfo = DeviceFields

export const EMPTY_DEVICE: DeviceInfo = Object.freeze({
  osCode: '',
  osName: '',
  osVersion: '',
  clientType: '',
  clientCode: '',
  clientName: '',
  clientVersion: '',
  clientEngine: '',
  clientEngineVersion: '',
  deviceName: '',
  deviceBrand: '',
  deviceModel: '',
})

/** Matomo OS short codes for the names ua-parser-js reports. */
const OS_CODES: Readonly<Record<string, string>> = {
  Windows: 'WIN',
  'Mac OS': 'MAC',
  macOS: 'MAC',
  iOS: 'IOS',
  Android: 'AND',
  Linux: 'LIN',
  Ubuntu: 'UBT',
  Debian: 'DEB',
  Fedora: 'FED',
  'Chromium OS': 'COS',
  'Chrome OS': 'COS',
  FreeBSD: 'BSD',
}

/** Matomo client short codes for common browsers. */
const CLIENT_CODES: Readonly<Record<string, string>> = {
  Chrome: 'CH',
  'Chrome Headless': 'CH',
  Chromium: 'CR',
  Firefox: 'FF',
  Safari: 'SF',
  'Mobile Safari': 'MF',
  Edge: 'PS',
  Opera: 'OP',
  Electron: 'EL',
  'Samsung Browser': 'SB',
}

/** Matomo OS display names where they differ from ua-parser-js ("X11; Linux x86_64" is Matomo's GNU/Linux). */
const OS_NAMES: Readonly<Record<string, string>> = { 'Mac OS': 'Mac', macOS: 'Mac', 'Chromium OS': 'Chrome OS', Linux: 'GNU/Linux' }

const DESKTOP_OSES = new Set(['Windows', 'Mac OS', 'macOS', 'Linux', 'Ubuntu', 'Debian', 'Fedora', 'Chromium OS', 'Chrome OS', 'FreeBSD'])

const cache = new Map<string, DeviceInfo>()

/**
 * Appwrite's device detector keeps client and OS versions to major.minor (Chrome 70.0.3538.77 →
 * "70.0", macOS 10.15.7 → "10.15"); the engine version is reported whole.
 */
export function majorMinor(version: string | undefined): string {
  return (version ?? '').split('.').slice(0, 2).join('.')
}

/** Parse a User-Agent into the twelve device fields (memoised: clients send the same few UAs). */
export function parseDevice(userAgent: string): DeviceInfo {
  if (!userAgent) return EMPTY_DEVICE
  const hit = cache.get(userAgent)
  if (hit) return hit
  const parsed = new UAParser(userAgent.slice(0, 1024)).getResult()
  const osName = parsed.os.name ?? ''
  const browserName = parsed.browser.name ?? ''
  const deviceType = parsed.device.type ?? ''
  const info: DeviceInfo = Object.freeze({
    osCode: OS_CODES[osName] ?? '',
    osName: OS_NAMES[osName] ?? osName,
    osVersion: majorMinor(parsed.os.version),
    clientType: browserName ? 'browser' : '',
    clientCode: CLIENT_CODES[browserName] ?? '',
    clientName: browserName,
    clientVersion: majorMinor(parsed.browser.version),
    clientEngine: parsed.engine.name ?? '',
    clientEngineVersion: parsed.engine.version ?? '',
    // Matomo calls any desktop OS a desktop, whether or not it knows the client (a desktop app's own
    // User-Agent such as "AccountConsole/1.4.0 (X11; Linux x86_64)" included).
    deviceName: deviceType === 'mobile' ? 'smartphone' : deviceType !== '' ? deviceType : DESKTOP_OSES.has(osName) ? 'desktop' : '',
    deviceBrand: parsed.device.vendor ?? '',
    deviceModel: parsed.device.model ?? '',
  })
  if (cache.size > 1000) cache.clear()
  cache.set(userAgent, info)
  return info
}

/** Parse the stored JSON device column back; tolerant of rows written by older versions. */
export function deviceFromJson(json: string): DeviceInfo {
  try {
    const value = JSON.parse(json) as Partial<Record<keyof DeviceInfo, unknown>>
    const out: Record<string, string> = {}
    for (const key of Object.keys(EMPTY_DEVICE) as (keyof DeviceInfo)[]) {
      const field = value[key]
      out[key] = typeof field === 'string' ? field : ''
    }
    return out as unknown as DeviceInfo
  } catch {
    return EMPTY_DEVICE
  }
}

export interface Country {
  readonly countryCode: string
  readonly countryName: string
}

const UNKNOWN_COUNTRY: Country = Object.freeze({ countryCode: '--', countryName: 'Unknown' })

/** No GeoIP database ships with the sandbox: every address is `--` (see file comment). */
export function countryForIp(_ip: string): Country {
  return UNKNOWN_COUNTRY
}

export function countryName(code: string): string {
  return code === '--' ? 'Unknown' : code.toUpperCase()
}
