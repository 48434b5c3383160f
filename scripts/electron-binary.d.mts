/** Where the Electron binary is (`path`), or why there is none (`why`). */
export function findElectronBinary(electronPackageDir?: string): { path: string | null; why: string }
