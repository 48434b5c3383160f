import { storeToRefs } from 'pinia'
import { onScopeDispose, watch } from 'vue'
import { setDateFormatting } from '../dates'
import { consoleSettingsFrom, type ThemeChoice } from '../preferences-editing'
import { useAuthStore } from '../stores/auth'

/** Forces a theme on the whole window (`<html data-theme>`, see styles/tokens.css); `system` follows the OS. */
export function applyTheme(theme: ThemeChoice): void {
  const root = document.documentElement
  if (theme === 'system') delete root.dataset.theme
  else root.dataset.theme = theme
}

/**
 * Makes the console follow the signed-in account's `theme`, `locale` and `timezone` preferences
 * while the account screens are shown, and go back to the system's own when they are not (signed
 * out, another profile). Call it from a component's setup; it stops with that component.
 */
export function useConsolePreferences(): void {
  const { account } = storeToRefs(useAuthStore())
  const stop = watch(
    () => consoleSettingsFrom(account.value?.prefs),
    (settings) => {
      applyTheme(settings.theme)
      setDateFormatting(settings.locale, settings.timeZone)
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    stop()
    applyTheme('system')
    setDateFormatting(null, null)
  })
}
