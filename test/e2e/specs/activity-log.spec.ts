/**
 * Issue #5, item 4: the Activity screen against the sandbox — the log paged with limit/offset in
 * a virtual list, filtered by event, charted with chart.js, and exported as CSV through main's
 * save dialog.
 */
import { readFile } from 'node:fs/promises'
import { expect, test } from '../fixtures'
import { seedActivity } from '../harness/sandbox-logs'
import { ActivityScreen } from '../pages/activity-pages'
import { AccountNavigation } from '../pages/navigation'
import { expectFitsSmallWindow, reviewScreen } from '../pages/review'
import { signUp, uniqueEmail } from '../steps'

test('activity: long log paged in a virtual list, filtered by event, charted, and exported as CSV', async ({ app }) => {
  const email = uniqueEmail('activity')
  await signUp(app.page, email)
  const seeded = seedActivity(app.dataDir, email, 1200)

  await new AccountNavigation(app.page).open('Activity')
  const activity = new ActivityScreen(app.page)
  // Sign-up's own entries plus the seeded ones; the first page of 100 is loaded.
  await expect(activity.loaded).toHaveText(/^100 of 1,20\d entries loaded$/)
  const rendered = await activity.entries.count()
  expect(rendered).toBeGreaterThan(5)
  expect(rendered).toBeLessThan(60) // virtual: only the rows in view are in the DOM
  await expect(activity.entries.first()).toContainText(/session\.create|session\.delete|user\.update|challenge|verification|recovery/)
  // Human names over raw codes, under column headers; the list fills the window, the page stays still.
  await expect(activity.columnHeaders).toHaveText(['Event', 'When', 'App and device', 'Address and country'])
  await expect(activity.eventName(activity.entries.first())).not.toHaveText(/\./)
  await expect(activity.range).toContainText('entries the server keeps can be listed')
  expect(await activity.pageScrolls()).toBe(false)

  // Scrolling to the end of what is loaded fetches the next page (offset 100).
  await activity.scrollToEnd()
  await expect(activity.loaded).toHaveText(/^200 of 1,20\d entries loaded$/)

  // Filter by one event within what is loaded.
  await activity.eventFilter.selectOption('user.update')
  await expect(activity.loaded).toHaveText(/^\d+ “Account changed” in \d+ of 1,20\d entries loaded$/)
  for (const text of await activity.entries.allTextContents()) expect(text).toContain('user.update')

  // The chart is drawn and says what it shows.
  await activity.openCharts()
  await expect(activity.chart).toBeVisible()
  await expect(activity.chart).toHaveAttribute('aria-label', /^Activity per day: \d+ entries over \d+ days/)
  await activity.showChart('By device')
  await expect(activity.chart).toHaveAttribute('aria-label', /by device/)
  const painted = await activity.chart.evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d')
    if (!context || canvas.width === 0) return false
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data
    for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) return true
    return false
  })
  expect(painted).toBe(true)
  await activity.eventFilter.selectOption('')
  await activity.showChart('Per day')

  await reviewScreen(app.page, 'activity')
  await expectFitsSmallWindow(app.page, 'activity')

  // Export: every entry (not only the loaded ones), through the save dialog.
  await activity.exportCsv()
  await expect(activity.says(/^Saved 1,20\d entries to /)).toBeVisible()
  const [file] = await app.savedFiles()
  expect(file).toMatch(/activity-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = await readFile(file!, 'utf8')
  const lines = csv.split('\r\n')
  expect(lines[0]).toBe(
    'time,event,ip,countryCode,countryName,clientType,clientCode,clientName,clientVersion,clientEngine,clientEngineVersion,osCode,osName,osVersion,deviceName,deviceBrand,deviceModel,userId,userEmail,userName,mode',
  )
  expect(lines.at(-1)).toBe('')
  const rows = lines.slice(1, -1)
  expect(rows.length).toBeGreaterThanOrEqual(1200)
  expect(rows.filter((row) => row.split(',')[1] === 'user.update')).toHaveLength(seeded.get('user.update') ?? -1)
  // The sandbox's unknown country "--" would start a formula in a spreadsheet: it is neutralised.
  expect(rows[0]?.split(',')[3]).toBe(`'--`)
})

test('activity: a new account shows its own first entries', async ({ app }) => {
  const email = uniqueEmail('fresh')
  await signUp(app.page, email)
  await new AccountNavigation(app.page).open('Activity')
  const activity = new ActivityScreen(app.page)
  await expect(activity.loaded).toHaveText(/^\d of \d entries loaded$/)
  await expect(activity.entries.filter({ hasText: 'user.create' })).toHaveCount(1)
  await expect(activity.says('That is everything.')).toBeVisible()
})

test('activity: human event names, the raw code beside them, and a jump to a date', async ({ app }) => {
  const email = uniqueEmail('jump')
  await signUp(app.page, email)
  // 600 entries over 20 days: about 30 a day, so ten days back is several pages away.
  seedActivity(app.dataDir, email, 600, { days: 20 })

  await new AccountNavigation(app.page).open('Activity')
  const activity = new ActivityScreen(app.page)
  await expect(activity.loaded).toHaveText(/^100 of 60\d entries loaded$/)
  const signedOut = activity.entries.filter({ hasText: 'session.delete' }).first()
  await expect(activity.eventName(signedOut)).toHaveText('Signed out')
  await expect(activity.eventName(signedOut)).toHaveAttribute('title', /^session\.delete: /)
  await expect(activity.eventCode(signedOut)).toHaveText('session.delete')

  const target = new Date(Date.now() - 10 * 86_400_000)
  const day = `${target.getFullYear()}-${String(target.getMonth() + 1).padStart(2, '0')}-${String(target.getDate()).padStart(2, '0')}`
  await activity.jumpTo(day)
  await expect(activity.jumpNote).toHaveText(/^Showing .+, newest entry first\.$/)
  await expect(activity.jumpedEntry).toBeInViewport()
  // The entry jumped to is from that day (its time, read in this computer's time zone).
  const landed = new Date(await activity.jumpedTime())
  expect([landed.getFullYear(), landed.getMonth(), landed.getDate()]).toEqual([target.getFullYear(), target.getMonth(), target.getDate()])
  await expect(activity.loaded).not.toHaveText(/^100 of/)
  await reviewScreen(app.page, 'activity-jump')

  // Before anything the account has: the oldest reachable entry is named instead.
  await activity.jumpTo('2001-01-01')
  await expect(activity.jumpNote).toHaveText(/^Nothing from .+ or before is in reach\. The oldest entry that can be listed is from /)
})
