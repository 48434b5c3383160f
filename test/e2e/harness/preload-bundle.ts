/**
 * Bundles the preload's own API builder (src-main/preload/build-api.ts) for the page, so the
 * harness builds `window.api` with the same code Electron runs; only the transport differs.
 */
import { build } from 'esbuild'
import { resolve } from 'node:path'

let cached: Promise<string> | null = null

export function preloadBuilderSource(): Promise<string> {
  cached ??= build({
    entryPoints: [resolve(__dirname, '../../../src-main/preload/build-api.ts')],
    bundle: true,
    format: 'iife',
    globalName: '__acPreload',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  }).then((out) => {
    const file = out.outputFiles[0]
    if (!file) throw new Error('esbuild produced no output')
    return file.text
  })
  return cached
}
