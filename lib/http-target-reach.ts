import { parseInsecureHost, validPort } from '../lambdas/domain/http-reach.js';

/**
 * Checks the stack's HTTP target reach at synth time, with the parser the Lambdas use, so that a malformed
 * entry fails `cdk synth`/`cdk deploy` with its reason instead of every cold start.
 */
export function checkHttpTargetReach(ports: readonly number[], insecureHosts: readonly string[]): void {
  if (ports.length === 0 || !ports.every(validPort)) {
    throw new Error(`httpTargetPorts must list ports from 1 to 65535, not [${ports.join(', ')}].`);
  }
  for (const entry of insecureHosts) {
    if (entry.includes(','))
      throw new Error(`httpTargetInsecureHosts: '${entry}' holds a comma; give one entry per item.`);
    try {
      parseInsecureHost(entry);
    } catch (error) {
      throw new Error(`httpTargetInsecureHosts: ${(error as Error).message}`);
    }
  }
}
