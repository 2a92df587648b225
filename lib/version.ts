import { readFileSync } from 'node:fs';

/** The package version, reported by the deployed API's health check. */
export const SERVICE_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;
