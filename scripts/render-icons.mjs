#!/usr/bin/env node
// Renders build/icon.svg into the PNGs electron-builder packages: build/icons/<n>x<n>.png (the
// Linux icon set) and build/icon.png (1024 px; electron-builder makes the macOS .icns and the
// Windows .ico from it). Uses the Chromium that the e2e suite uses, so nothing new is installed.
//   node scripts/render-icons.mjs
import { chromium } from '@playwright/test'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const svg = readFileSync('build/icon.svg', 'utf8')
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
try {
  const page = await browser.newPage()
  mkdirSync('build/icons', { recursive: true })
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size })
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`)
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    writeFileSync(`build/icons/${size}x${size}.png`, png)
    if (size === 1024) writeFileSync('build/icon.png', png)
  }
  console.log(`Rendered ${SIZES.length} sizes into build/icons and build/icon.png`)
} finally {
  await browser.close()
}
