import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchedulerStack } from '../../lib/scheduler-stack.js';

/** The deployment packages as `cdk deploy` uploads them: this suite bundles (≈ 2 s), the others skip it. */
describe('Lambda deployment packages', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'scheduler-cdk-out-'));
  const packages = new Map<string, { dir: string; files: string[] }>();
  const environments: Array<Record<string, unknown>> = [];

  beforeAll(() => {
    const app = new App({ outdir });
    const stack = new SchedulerStack(app, 'Scheduler', {
      env: { account: '111122223333', region: 'eu-west-1' },
    });
    const template = Template.fromStack(stack);
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      const key = String(fn.Properties.Code.S3Key);
      const dir = join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
      packages.set(String(fn.Properties.Description), { dir, files: readdirSync(dir) });
      expect(fn.Properties.Handler).toBe('index.handler');
      environments.push(fn.Properties.Environment?.Variables ?? {});
    }
  }, 60_000);

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('gives every function its own package, with the handler module as index.mjs', () => {
    expect(packages.size).toBeGreaterThanOrEqual(4);
    expect(new Set([...packages.values()].map((p) => p.dir)).size).toBe(packages.size);
    for (const { files } of packages.values()) expect(files).toContain('index.mjs');
  });

  it('keeps each handler its own code', () => {
    const entry = (description: RegExp) => {
      const found = [...packages.entries()].find(([d]) => description.test(d));
      if (!found) throw new Error(`no function described ${description}`);
      return readFileSync(join(found[1].dir, 'index.mjs'), 'utf8');
    };
    // Strings only one handler's code holds (booleans: a failure should not print a whole bundle).
    const markers = {
      api: 'GET /api/openapi.json',
      executor: 'malformed fire message',
      reconciler: '"reconciled"',
      sorter: 'dead letter quarantined',
    };
    const held = (code: string) =>
      Object.entries(markers).flatMap(([name, m]) => (code.includes(m) ? [name] : []));
    expect(held(entry(/^The jobs API$/))).toEqual(['api']);
    expect(held(entry(/exactly-once/))).toEqual(['executor']);
    expect(held(entry(/^Repairs schedules/))).toEqual(['reconciler']);
    expect(held(entry(/^Files dead fires from the DLQ/))).toEqual(['sorter']);
  });

  it('ships no source maps by default, and Node does not parse any at cold start', () => {
    for (const { files } of packages.values()) expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const variables of environments) expect(variables.NODE_OPTIONS).toBeUndefined();
  });

  it('bundles the Lambda credential provider instead of the SDK default chain', () => {
    for (const { dir, files } of packages.values()) {
      const all = files.filter((f) => f.endsWith('.mjs')).map((f) => readFileSync(join(dir, f), 'utf8'));
      expect(all.some((code) => code.includes('defaultProvider::fromSSO'))).toBe(false);
    }
  });
});
