import { createHash } from 'node:crypto';
import { type CfnResource, type IAspect, Stack, Token } from 'aws-cdk-lib';
import { CfnEventBus } from 'aws-cdk-lib/aws-events';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';

/*
 * Every queue, function and event bus of the stack is named `<prefix><path in the stack>`, and the API and the
 * executor refuse any target whose name starts with the prefix. Names rather than ARNs in the functions'
 * environments: the API function would need the executor's ARN and the executor the API's, a CloudFormation
 * cycle; a prefix is a plain string that reaches both without referencing anything, and covers resources
 * added later (another queue, another function) without anyone remembering to list them.
 */

/** The kinds of resource a job's target could be, each with its name property and longest name. */
const KINDS = [
  {
    type: CfnQueue,
    maxLength: 80,
    get: (r: CfnQueue) => r.queueName,
    set: (r: CfnQueue, n: string) => {
      r.queueName = n;
    },
  },
  {
    type: CfnFunction,
    maxLength: 64,
    get: (r: CfnFunction) => r.functionName,
    set: (r: CfnFunction, n: string) => {
      r.functionName = n;
    },
  },
  {
    type: CfnEventBus,
    maxLength: 256,
    get: (r: CfnEventBus) => r.name,
    set: (r: CfnEventBus, n: string) => {
      r.name = n;
    },
  },
] as const;

type TargetableResource = CfnQueue | CfnFunction | CfnEventBus;

function kindOf(node: IConstruct) {
  return KINDS.find((kind) => node instanceof kind.type) as
    | {
        maxLength: number;
        get: (r: TargetableResource) => string | undefined;
        set: (r: TargetableResource, n: string) => void;
      }
    | undefined;
}

/** The longest prefix accepted: the shortest name limit (64, functions) leaves room for a readable suffix. */
const MAX_PREFIX_LENGTH = 32;

/** Checks a resource-name prefix; throws a message that says what to change. */
export function checkResourceNamePrefix(prefix: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(prefix) || prefix.length > MAX_PREFIX_LENGTH) {
    throw new Error(
      `The resource name prefix '${prefix}' must be 1 to ${MAX_PREFIX_LENGTH} letters, digits, '-' or '_' (set the stack prop resourceNamePrefix).`,
    );
  }
  return prefix;
}

/** `<prefix><construct path below the stack>`, shortened with a hash of the path when over the limit. */
function nameFor(resource: CfnResource, prefix: string, maxLength: number): string {
  const stack = Stack.of(resource);
  const ids = resource.node.scopes
    .slice(resource.node.scopes.indexOf(stack) + 1)
    .map((scope) => scope.node.id)
    .filter((id) => id !== 'Resource' && id !== 'Default');
  const fifo = resource instanceof CfnQueue && resource.fifoQueue === true ? '.fifo' : '';
  const readable = ids.join('-').replace(/[^A-Za-z0-9_-]/g, '');
  const room = maxLength - prefix.length - fifo.length;
  if (readable.length <= room) return `${prefix}${readable}${fifo}`;
  const hash = createHash('sha256').update(resource.node.path).digest('hex').slice(0, 8);
  return `${prefix}${readable.slice(0, room - hash.length - 1)}-${hash}${fifo}`;
}

/** The stack's queues, functions and event buses. */
export function targetableResources(scope: IConstruct): TargetableResource[] {
  return scope.node.findAll().filter((node): node is TargetableResource => kindOf(node) !== undefined);
}

/** The name a queue, function or bus has in the template, if it is a plain string. */
export function literalNameOf(resource: TargetableResource): string | undefined {
  const name = kindOf(resource)?.get(resource);
  return name !== undefined && !Token.isUnresolved(name) ? name : undefined;
}

/**
 * Names every queue, function and event bus under `scope` `<prefix>…` (those without a plain name yet; an
 * L2's generated name is a token and is replaced). Returns the names, by resource.
 */
export function nameServiceResources(scope: IConstruct, prefix: string): Map<TargetableResource, string> {
  const names = new Map<TargetableResource, string>();
  for (const resource of targetableResources(scope)) {
    const kind = kindOf(resource);
    if (!kind) continue;
    let name = literalNameOf(resource);
    if (name === undefined) {
      name = nameFor(resource, prefix, kind.maxLength);
      kind.set(resource, name);
    }
    names.set(resource, name);
  }
  return names;
}

/**
 * Fails the synthesis when a queue, function or bus is not named with the prefix (one added after the stack
 * named its resources, or named by hand): it would be a target the API and the executor do not refuse.
 */
export class ServiceResourceNamesCheck implements IAspect {
  constructor(private readonly prefix: string) {}

  visit(node: IConstruct): void {
    if (!kindOf(node)) return;
    const name = literalNameOf(node as TargetableResource);
    if (!name?.startsWith(this.prefix)) {
      throw new Error(
        `${node.node.path} is named '${name ?? '(generated)'}', not '${this.prefix}…': jobs could target it. Create it before the stack names its resources, or name it with the prefix.`,
      );
    }
  }
}
