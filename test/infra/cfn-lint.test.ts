import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { localStackProps } from '../../lib/local-development.js';
import { SchedulerStack, type SchedulerStackProps } from '../../lib/scheduler-stack.js';

const run = promisify(execFile);
/** cfn-lint from the project's virtualenv (localstack/install.sh puts it there; `npm test` runs that first). */
const CFN_LINT = join(import.meta.dirname, '../../.venv/bin/cfn-lint');
/**
 * W3005 (a DependsOn that a GetAtt already implies) is how aws-cdk-lib's lambda.Function always orders a
 * function after its role's policy: redundant, accepted by CloudFormation, and not ours to change.
 */
const IGNORED = ['W3005'];
const env = { account: '111122223333', region: 'eu-west-1' };
const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The stack's template for these props, written to a file (bundling skipped: the template is what is linted). */
function templateFile(name: string, props: SchedulerStackProps): string {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new SchedulerStack(app, 'Scheduler', { env, ...props });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON()));
  return file;
}

async function lint(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(CFN_LINT, [
      '--format',
      'parseable',
      '--ignore-checks',
      ...IGNORED,
      '--',
      file,
    ]);
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number | string; stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error(`cfn-lint is not installed at ${CFN_LINT}: run 'bash localstack/install.sh'.`);
    }
    return { code: Number(failure.code), output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

// Every synthesized shape of the stack passes cfn-lint: the local AWS accepts templates CloudFormation refuses.
describe('cfn-lint on every synthesized template', () => {
  it.each<[string, SchedulerStackProps]>([
    ['iam-defaults', {}],
    ['local-development', localStackProps('Scheduler')],
    ['jwt', { auth: { mode: 'jwt', issuer: 'https://issuer.example.com', audience: ['jobs'] } }],
    [
      'cognito-with-targets',
      {
        auth: { mode: 'cognito', clients: ['alpha', 'beta'], domainPrefix: 'scheduler-test' },
        targetArnAllowlist: ['arn:aws:sqs:eu-west-1:111122223333:jobs-*'],
        tracing: true,
      },
    ],
  ])('%s: no errors and no warnings', async (name, props) => {
    const { code, output } = await lint(templateFile(name, props));
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('fails a template CloudFormation would refuse (the check can fail)', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(
      file,
      JSON.stringify({
        Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 'soon' } } },
      }),
    );
    const { code, output } = await lint(file);
    expect(code).not.toBe(0);
    expect(output).toMatch(/E3012/);
  });
});
