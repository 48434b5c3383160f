import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Two suites: `unit` (core, shell with a mocked electron, renderer in happy-dom, server domain)
// and `server` (the sandbox driven over HTTP by Appwrite's official SDKs).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [vue()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
