import { readFileSync } from 'node:fs';
import { clientToken } from './client-token.js';

/**
 * `npm run -s signing-secret -- alpha` prints the tenant's current webhook signing secret (`whsec_…`), read
 * through the API exactly as a team would (GET /api/signing-secret with the tenant's token), for the sample
 * receivers in docs/examples.
 */
const tenant = process.argv[2] ?? 'alpha';
const apiUrl = readFileSync(new URL('../.local-aws/api-url', import.meta.url), 'utf8').trim();
const response = await fetch(`${apiUrl}/api/signing-secret`, {
  headers: { authorization: `Bearer ${await clientToken(tenant)}` },
});
const body = (await response.json()) as { current?: { secret?: string }; detail?: string };
if (!response.ok || !body.current?.secret) {
  process.stderr.write(`GET /api/signing-secret answered ${response.status}: ${body.detail ?? ''}\n`);
  process.exit(1);
}
process.stdout.write(`${body.current.secret}\n`);
