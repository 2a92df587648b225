import { localAws } from '../../localstack/local-aws.js';
import { LOCAL_AWS_ENDPOINT } from './local-aws.js';

/**
 * Global setup of the integration and e2e tiers: the local AWS must be up. A missing emulator fails the
 * run loudly; it never turns into skipped tests. `npm test` starts it before these tiers.
 */
export default async function requireLocalAws(): Promise<void> {
  try {
    // The health path of the emulator LOCAL_AWS names, at the endpoint the tests use.
    const response = await fetch(
      localAws({ ...process.env, AWS_ENDPOINT_URL: LOCAL_AWS_ENDPOINT }).healthUrl,
      {
        signal: AbortSignal.timeout(5_000),
      },
    );
    if (response.ok) return;
    throw new Error(`health answered HTTP ${response.status}`);
  } catch (error) {
    throw new Error(
      `The local AWS is not reachable at ${LOCAL_AWS_ENDPOINT} (${(error as Error).message}). ` +
        "Start it with 'npm start' or 'bash localstack/start.sh'; 'npm test' starts it by itself.",
    );
  }
}
