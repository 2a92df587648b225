// Prints the deployed stack's API base URL (and its console's) on the local AWS, and saves it for tests and tools.
import { readFileSync, writeFileSync } from 'node:fs';
import { localAws } from './local-aws.js';

const [outputsFile = '', stack = ''] = process.argv.slice(2);
const outputs = JSON.parse(readFileSync(outputsFile, 'utf8'))[stack] as Record<string, string>;
// The local AWS serves HTTP APIs at its own URL form (local-aws.ts); on AWS the ApiEndpoint output is the base URL.
const apiUrl = localAws().apiUrl(outputs.ApiId ?? '');
writeFileSync(outputsFile.replace(/outputs\.json$/, 'api-url'), `${apiUrl}\n`);
console.log(`API base URL: ${apiUrl}`);
console.log(`  token: TOKEN=$(npm run -s token -- alpha)`);
console.log(`  try:   curl -s -H "authorization: Bearer $TOKEN" '${apiUrl}/api/health'`);
if (outputs.ConsoleUrl) {
  console.log(`Console:      ${apiUrl}/console`);
  console.log('  sign in with the token of: npm run -s token -- alpha   (or beta)');
}
