/**
 * Content-Security-Policy violations the window reports. Chromium tells them only on the
 * console ("Refused to apply inline style…", "Applying inline style violates…"), and a blocked style or script
 * fails quietly otherwise, so the `app` fixture fails a test that saw any.
 */
import type { Page } from '@playwright/test'

export function watchCspViolations(page: Page, into: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) into.push(message.text())
  })
}
