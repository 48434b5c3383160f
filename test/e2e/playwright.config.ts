import { defineConfig } from '@playwright/test'

// One worker: the journeys share one throw-away keyring and the machine has two cores.
export default defineConfig({
  testDir: './specs',
  outputDir: '../../test-results/e2e',
  workers: 1,
  // Generous: journeys with axe scans and a browser round trip run on two shared cores.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e-report.json' }]],
  use: {
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
