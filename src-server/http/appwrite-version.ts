/**
 * Which Appwrite API the sandbox speaks (`--appwrite-version`, appwrite-behaviour §13):
 * - `1.9`: the 1.9 line — the 2.x routes answer Appwrite's route-not-found error;
 * - `2.3`: the 2.x line as Appwrite Cloud serves it — account logs are gone;
 * - `both` (default): every route of both lines, so the Activity screen works out of the box
 *   while the 2.x additions can be tried. It reports 2.3.0, the newer line it serves; a client
 *   that wants to know whether account logs exist asks the route (Appwrite's own CE 1.9.6 builds
 *   from after mid-2026 lack them too, so the version alone cannot tell).
 */
import type { RouteModule } from './route'

export const APPWRITE_VERSION_OPTIONS = ['1.9', '2.3', 'both'] as const
export type AppwriteVersionOption = (typeof APPWRITE_VERSION_OPTIONS)[number]

/** What `GET /v1/health/version` and error bodies report for each option. */
export function reportedVersion(option: AppwriteVersionOption): string {
  return option === '1.9' ? '1.9.6' : '2.3.0'
}

/** The route modules with the routes of the other line taken out. */
export function routesForVersion(modules: readonly RouteModule[], option: AppwriteVersionOption): RouteModule[] {
  const absent = option === '1.9' ? '2.x' : option === '2.3' ? '1.x' : null
  if (absent === null) return [...modules]
  return modules.map((module) => ({ ...module, routes: module.routes.filter((route) => route.apiLine !== absent) }))
}
