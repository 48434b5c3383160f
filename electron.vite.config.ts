import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'

/**
 * The window's meta policy allows no inline styles (the built renderer has none). electron-vite's
 * dev server injects component CSS as <style> elements for hot reload, so only the page it serves
 * gets 'unsafe-inline' (the shell's header does the same, src-main/shell/security.ts).
 */
export function devServerInlineStyles(): Plugin {
  return {
    name: 'account-console:dev-server-inline-styles',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
  }
}

// main: src-main/shell (+ core + the sandbox server, bundled; native deps stay external)
// preload: src-main/preload, one CommonJS file so it runs with `sandbox: true`
// renderer: src-renderer
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/shell/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
    plugins: [vue(), devServerInlineStyles()],
  },
})
