import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALSTACK_SERVICES, localAws, UnknownLocalAwsError } from '../../../localstack/local-aws.js';

/** What localstack/env.sh works out for the shell scripts, in a clean environment but for `env`. */
function shellSettings(env: Record<string, string>): { status: number; out: string } {
  try {
    const out = execFileSync(
      'bash',
      ['-c', 'source localstack/env.sh && echo "$LOCAL_AWS $LOCAL_AWS_HEALTH_URL $LOCAL_SCHEDULE_DRIVER"'],
      { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { status: 0, out: out.trim() };
  } catch (error) {
    const failed = error as { status: number; stderr: string };
    return { status: failed.status, out: failed.stderr.trim() };
  }
}

describe('LOCAL_AWS, the switch between local emulators', () => {
  it('defaults to ministack on 127.0.0.1:4566, with its health path, root token endpoint and path-style API URL', () => {
    const chosen = localAws({});
    expect(chosen.name).toBe('ministack');
    expect(chosen.healthUrl).toBe('http://127.0.0.1:4566/_ministack/health');
    expect(chosen.tokenUrl).toBe('http://127.0.0.1:4566/oauth2/token');
    expect(chosen.apiUrl('a1b2c3')).toBe('http://127.0.0.1:4566/_aws/execute-api/a1b2c3/$default');
  });

  it('gives LocalStack its own health path, its Cognito token endpoint and its execute-api host', () => {
    const chosen = localAws({ LOCAL_AWS: 'localstack' });
    expect(chosen.healthUrl).toBe('http://127.0.0.1:4566/_localstack/health');
    expect(chosen.tokenUrl).toBe('http://127.0.0.1:4566/_aws/cognito-idp/oauth2/token');
    expect(chosen.apiUrl('a1b2c3')).toBe('http://a1b2c3.execute-api.localhost.localstack.cloud:4566');
    expect(chosen.schedulerFires).toBe(false);
  });

  it('follows AWS_ENDPOINT_URL (another port) for every URL', () => {
    const mini = localAws({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4599/' });
    expect(mini.healthUrl).toBe('http://127.0.0.1:4599/_ministack/health');
    expect(mini.apiUrl('x')).toBe('http://127.0.0.1:4599/_aws/execute-api/x/$default');
    const stack = localAws({ LOCAL_AWS: 'localstack', AWS_ENDPOINT_URL: 'http://127.0.0.1:4599' });
    expect(stack.apiUrl('x')).toBe('http://x.execute-api.localhost.localstack.cloud:4599');
  });

  it('refuses an emulator it does not know, naming the choices', () => {
    expect(() => localAws({ LOCAL_AWS: 'moto' })).toThrow(UnknownLocalAwsError);
    expect(() => localAws({ LOCAL_AWS: 'moto' })).toThrow(/one of: ministack, localstack/);
  });

  it.each<[Record<string, string>, string]>([
    [{}, 'ministack http://127.0.0.1:4566/_ministack/health on'],
    [{ LOCAL_AWS: 'localstack' }, 'localstack http://127.0.0.1:4566/_localstack/health on'],
    [
      { GATEWAY_PORT: '4599', LOCAL_SCHEDULE_DRIVER: 'off' },
      'ministack http://127.0.0.1:4599/_ministack/health off',
    ],
  ])('env.sh agrees with local-aws.ts for %j', (env, expected) => {
    expect(shellSettings(env)).toEqual({ status: 0, out: expected });
    const [name, healthUrl] = expected.split(' ');
    const endpoint = env.GATEWAY_PORT ? { AWS_ENDPOINT_URL: `http://127.0.0.1:${env.GATEWAY_PORT}` } : {};
    expect(localAws({ ...env, ...endpoint })).toMatchObject({ name, healthUrl });
  });

  it('env.sh stops with a clear message, not a stack trace, for an unknown LOCAL_AWS', () => {
    const { status, out } = shellSettings({ LOCAL_AWS: 'moto' });
    expect(status).not.toBe(0);
    expect(out).toBe(
      "error: LOCAL_AWS='moto' is not a local AWS this project knows; use one of: ministack, localstack.",
    );
  });

  it('starts LocalStack in compose with every service the stack deploys, and demands the auth token', () => {
    const compose = readFileSync('localstack/docker-compose.yml', 'utf8');
    const localstackSection = compose.slice(compose.indexOf('\n  localstack:'));
    const services = /SERVICES: (\S+)/.exec(localstackSection)?.[1]?.split(',') ?? [];
    expect([...services].sort()).toEqual([...LOCALSTACK_SERVICES].sort());
    expect(localstackSection).toMatch(/LOCALSTACK_AUTH_TOKEN: \$\{LOCALSTACK_AUTH_TOKEN:\?/);
  });
});

describe('start.sh with LOCAL_AWS=localstack where it cannot run', () => {
  /** start.sh against a port nothing listens on, with PATH limited to `bin` plus the basics. */
  function start(bin: string, env: Record<string, string> = {}) {
    try {
      execFileSync('bash', ['localstack/start.sh'], {
        env: { PATH: `${bin}:/usr/bin:/bin`, LOCAL_AWS: 'localstack', GATEWAY_PORT: '1', ...env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { status: 0, stderr: '' };
    } catch (error) {
      const failed = error as { status: number; stderr: string };
      return { status: failed.status, stderr: failed.stderr.trim() };
    }
  }

  it('says Docker is missing, and how to do without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-docker-'));
    const result = start(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^error: LOCAL_AWS=localstack runs LocalStack in Docker, and docker is not on PATH/,
    );
    expect(result.stderr).toMatch(/LOCAL_AWS=ministack/);
  });

  it('says the auth token is missing when Docker is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-docker-'));
    // A docker whose daemon answers: only the token is missing.
    writeFileSync(join(dir, 'docker'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const result = start(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: LOCAL_AWS=localstack needs LOCALSTACK_AUTH_TOKEN/);
  });
});
