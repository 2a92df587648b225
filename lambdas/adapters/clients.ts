import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// Built once per cold start and shared by every invocation. The endpoint comes from the standard
// AWS_ENDPOINT_URL variable when it is set (the local AWS sets it for its Lambda workers). The Scheduler
// client, which the executor does not need, lives in scheduler-client.ts.
export const dynamodbClient = new DynamoDBClient({});

/** The DynamoDB document client: plain JavaScript values in and out. */
export const documentClient = DynamoDBDocumentClient.from(dynamodbClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export const sqsClient = new SQSClient({});
