/**
 * Every route module the sandbox serves, in one list. To add an area, create its module file
 * next to this one and add it here (see src-server/README.md).
 */
import type { RouteModule } from '../route'
import { accountRoutes } from './account'
import { devRoutes } from './dev'
import { sessionRoutes } from './sessions'

export const ROUTE_MODULES: readonly RouteModule[] = [accountRoutes, sessionRoutes, devRoutes]
