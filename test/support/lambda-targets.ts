import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { localAws } from './local-aws.js';
import { zipOf } from './node-function-zip.js';

export const lambdaClient = new LambdaClient(localAws);

/**
 * A Lambda target for tests: it sends the event it receives to the queue in its QUEUE_URL (so a test can
 * see what was delivered), then sleeps `event.sleepMs` if asked (a slow target), and answers the event.
 * Plain `node:http` with the SQS JSON protocol: the local AWS runs the handler with the host's `node`,
 * without the AWS SDK, and does not check signatures.
 */
const RECORDER = `
const http = require('node:http');
function send(queueUrl, body) {
  const endpoint = new URL(process.env.AWS_ENDPOINT_URL || 'http://127.0.0.1:4566');
  const payload = JSON.stringify({ QueueUrl: queueUrl, MessageBody: body });
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: endpoint.hostname, port: endpoint.port, path: '/', method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.SendMessage',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0',
        'content-length': Buffer.byteLength(payload),
      },
    }, (response) => { response.resume(); response.on('end', resolve); });
    request.on('error', reject);
    request.end(payload);
  });
}
exports.handler = async (event) => {
  if (process.env.QUEUE_URL) await send(process.env.QUEUE_URL, JSON.stringify(event));
  if (event && event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  return { received: event };
};
`;

/** Creates the recording function under a unique name; returns its ARN. */
export async function createRecordingFunction(
  name: string,
  options: { queueUrl?: string; timeoutSeconds?: number } = {},
): Promise<string> {
  const created = await lambdaClient.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::000000000000:role/lambda-target-test',
      Code: { ZipFile: zipOf({ 'index.js': RECORDER }) },
      Timeout: options.timeoutSeconds ?? 30,
      Environment: { Variables: options.queueUrl ? { QUEUE_URL: options.queueUrl } : {} },
    }),
  );
  await waitUntilFunctionActiveV2({ client: lambdaClient, maxWaitTime: 30 }, { FunctionName: name });
  return created.FunctionArn ?? '';
}

export async function deleteFunction(name: string): Promise<void> {
  await lambdaClient.send(new DeleteFunctionCommand({ FunctionName: name })).catch(() => undefined);
}
