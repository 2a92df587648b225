// A webhook receiver for Serverless Scheduler's calls, in Node: verifies each call with the published Standard
// Webhooks library and the tenant's secret, refuses anything else, and deduplicates on webhook-id (the same for
// every attempt of one fire). From the repository root (standardwebhooks is a dev dependency; elsewhere
// `npm i standardwebhooks`):
//   SIGNING_SECRET=$(npm run -s signing-secret -- alpha) PORT=40123 node docs/examples/receiver.mjs
// It prints one JSON line per call; test/e2e/sample-receivers.test.ts runs it against the deployed local stack.
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const webhook = new Webhook(process.env.SIGNING_SECRET ?? '');
const seen = new Set();

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8'); // verify the raw body, before any parsing
    try {
      webhook.verify(body, request.headers); // throws: forged, altered, another tenant's, or older than 5 minutes
    } catch (error) {
      console.log(JSON.stringify({ verified: false, reason: error.message }));
      response.writeHead(401).end();
      return;
    }
    const id = request.headers['webhook-id'];
    const duplicate = seen.has(id); // a retry of a fire already handled: acknowledge it, do nothing again
    seen.add(id);
    console.log(
      JSON.stringify({
        verified: true,
        id,
        duplicate,
        idempotencyKey: request.headers['idempotency-key'],
        body,
      }),
    );
    response.writeHead(204).end();
  });
});
server.listen(Number(process.env.PORT ?? 40123), '127.0.0.1', () => {
  console.log(JSON.stringify({ listening: server.address().port }));
});
