/**
 * Every route module the sandbox serves, in one list. To add an area, create its module file
 * next to this one and add it here (see src-server/README.md).
 */
import type { RouteModule } from '../route'
import { accountRoutes } from './account'
import { consentRoutes } from './consents'
import { devRoutes } from './dev'
import { healthRoutes } from './health'
import { idTokenRoutes } from './id-token'
import { identityRoutes } from './identities'
import { jwtRoutes } from './jwt'
import { logRoutes } from './logs'
import { mfaRoutes } from './mfa'
import { oauth2Routes } from './oauth2'
import { recoveryRoutes } from './recovery'
import { sessionRoutes } from './sessions'
import { targetRoutes } from './targets'
import { tokenRoutes } from './tokens'
import { verificationRoutes } from './verification'

export const ROUTE_MODULES: readonly RouteModule[] = [
  accountRoutes,
  sessionRoutes,
  tokenRoutes,
  jwtRoutes,
  logRoutes,
  recoveryRoutes,
  verificationRoutes,
  targetRoutes,
  identityRoutes,
  mfaRoutes,
  oauth2Routes,
  consentRoutes,
  idTokenRoutes,
  devRoutes,
  healthRoutes,
]
