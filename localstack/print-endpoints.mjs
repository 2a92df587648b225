// Prints the deployed stack's API base URL (and its console's) on the local AWS, and saves it for tests and tools.
import { readFileSync, writeFileSync } from 'node:fs';

const [outputsFile, stack] = process.argv.slice(2);
const outputs = JSON.parse(readFileSync(outputsFile, 'utf8'))[stack];
const endpoint = process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566';
// The local AWS serves HTTP APIs under a path; on AWS the ApiEndpoint output is the base URL itself.
const apiUrl = `${endpoint}/_aws/execute-api/${outputs.ApiId}/$default`;
writeFileSync(outputsFile.replace(/outputs\.json$/, 'api-url'), `${apiUrl}\n`);
console.log(`API base URL: ${apiUrl}`);
console.log(`  token: TOKEN=$(npm run -s token -- alpha)`);
console.log(`  try:   curl -s -H "authorization: Bearer $TOKEN" '${apiUrl}/api/health'`);
if (outputs.ConsoleUrl) {
  console.log(`Console:      ${apiUrl}/console`);
  console.log('  sign in with the token of: npm run -s token -- alpha   (or beta)');
}
