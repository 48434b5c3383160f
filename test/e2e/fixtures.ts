/**
 * The `app` fixture: a fresh data folder per test, launched by the Chromium harness (default) or
 * by Playwright's `_electron` when AC_E2E_TARGET=electron (test/e2e/electron/launch.mjs).
 */
import { test as base, expect } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppDriver } from './harness/driver'
import { launchHarness, type HarnessOptions } from './harness/harness-app'

export const target: 'harness' | 'electron' = process.env.AC_E2E_TARGET === 'electron' ? 'electron' : 'harness'

/** Per-spec launch options (`test.use({ appOptions: { keychain: 'unavailable' } })`); harness only. */
export type AppOptions = Pick<HarnessOptions, 'keychain' | 'sandbox' | 'openSecretStore' | 'faultProxy' | 'requestTimeoutMs'>

interface Fixtures {
  dataDir: string
  appOptions: AppOptions
  app: AppDriver
}

export const test = base.extend<Fixtures>({
  appOptions: [{}, { option: true }],
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'account-console-e2e-'))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },
  app: async ({ browser, dataDir, appOptions }, use) => {
    let app: AppDriver
    if (target === 'electron') {
      const { launchElectron } = await import('./electron/electron-app')
      app = await launchElectron({ dataDir })
    } else {
      app = await launchHarness({ browser, dataDir, ...appOptions })
    }
    await use(app)
    const violations = app.cspViolations()
    await app.close()
    expect(violations, 'the window broke its Content-Security-Policy').toEqual([])
  },
})

export { expect }
