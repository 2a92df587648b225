import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../lambdas/http/api-router.js';
import { apiOperations, portablePattern } from '../../../lambdas/http/openapi.js';
import { TITLES } from '../../../lambdas/http/problem.js';
import { PROBLEM_STATUS } from '../../../lambdas/http/problem-codes.js';
import { ROUTES } from '../../../lib/jobs-api.js';
import { servedDocument } from '../../support/openapi-contract.js';
import { inMemoryApiDeps } from '../../support/use-case-deps.js';

/*
 * The OpenAPI document is generated from the route table and schemas the code uses; these tests fail when
 * the code and the document part: a route without an operation, a problem code without a declaration, a
 * status without a title, a pattern another language's regex engine reads differently.
 */

type Operation = {
  operationId: string;
  tags: string[];
  security: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
};
const operations: Array<[string, Operation]> = Object.entries(servedDocument.paths).flatMap(
  ([path, methods]) =>
    Object.entries(methods).map(([method, operation]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      operation as unknown as Operation,
    ]),
);

/** Every `super(<status>, '<code>'` of a DomainError in the runtime code. */
function domainErrorsInSource(
  dir = new URL('../../../lambdas/', import.meta.url).pathname,
): Array<[string, number]> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return domainErrorsInSource(path);
    if (!entry.name.endsWith('.ts')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/super\(\s*(\d{3}),\s*'([a-z_]+)'/g)].map(
      (match): [string, number] => [match[2] as string, Number(match[1])],
    );
  });
}

/** The problem codes the document declares for an operation's status. */
const declaredCodes = (operation: Operation, status: string): string[] => {
  const schema = operation.responses[status]?.content?.['application/problem+json']?.schema;
  const allOf = (schema?.allOf ?? []) as Array<{ properties?: { code?: { enum?: string[] } } }>;
  return allOf.flatMap((part) => part.properties?.code?.enum ?? []);
};

describe('the OpenAPI document and the code', () => {
  it('has one operation per route of the router and of the stack, with the access the stack gives it', () => {
    const routerKeys = Object.keys(apiRoutes(inMemoryApiDeps().deps)).sort();
    const stackRoutes = ROUTES.map(([path, method, access]) => [`${method} ${path}`, access] as const);
    expect(operations.map(([key]) => key).sort()).toEqual(routerKeys);
    expect(stackRoutes.map(([key]) => key).sort()).toEqual(routerKeys);
    const documented = apiOperations();
    for (const [key, access] of stackRoutes) expect(documented[key]?.access, key).toBe(access);
  });

  it('names every operation once, tags it, and lets each auth mode call it (SigV4, or a token with the scope the stack asks)', () => {
    const ids = operations.map(([, operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(operations.length);
    const tags = new Set(
      (servedDocument as unknown as { tags: Array<{ name: string }> }).tags.map((tag) => tag.name),
    );
    for (const [key, operation] of operations) {
      expect(
        operation.tags.every((tag) => tags.has(tag)),
        key,
      ).toBe(true);
      const writes = ROUTES.find(([path, method]) => `${method} ${path}` === key)?.[2] === 'write';
      expect(operation.security, key).toEqual([
        { sigv4: [] },
        ...(writes ? [] : [{ bearer: ['jobs:read'] }]),
        { bearer: ['jobs:write'] },
        ...(writes ? [] : [{ cognito: ['scheduler/jobs:read'] }]),
        { cognito: ['scheduler/jobs:write'] },
      ]);
      expect(
        Object.keys(operation.responses),
        `${key} must not hide its statuses behind default`,
      ).not.toContain('default');
    }
  });

  it('knows every DomainError code of the source with its status, and nothing else', () => {
    const inSource = domainErrorsInSource();
    expect(inSource.length).toBeGreaterThan(15);
    for (const [code, status] of inSource)
      expect(PROBLEM_STATUS[code as keyof typeof PROBLEM_STATUS], code).toBe(status);
    const known = new Set([...inSource.map(([code]) => code), 'internal_error']);
    expect(Object.keys(PROBLEM_STATUS).filter((code) => !known.has(code))).toEqual([]);
  });

  it('declares every problem code for at least one operation, at its status (unknown routes aside)', () => {
    for (const [code, status] of Object.entries(PROBLEM_STATUS)) {
      if (code === 'route_not_found') continue;
      const where = operations.filter(([, operation]) =>
        declaredCodes(operation, String(status)).includes(code),
      );
      expect(where.length, `${code} (${status}) is declared nowhere`).toBeGreaterThan(0);
    }
  });

  it('lists for each operation only the codes its code can answer: a read answers no write conflicts', () => {
    const byKey = Object.fromEntries(operations);
    expect(declaredCodes(byKey['GET /api/jobs'] as Operation, '400').sort()).toEqual([
      'invalid_cursor',
      'validation_failed',
    ]);
    expect(byKey['GET /api/jobs/{id}']?.responses['412']).toBeUndefined();
    expect(byKey['GET /api/jobs/{id}']?.responses['409']).toBeUndefined();
    expect(declaredCodes(byKey['POST /api/jobs/{id}/pause'] as Operation, '412')).toEqual([
      'revision_mismatch',
    ]);
    expect(declaredCodes(byKey['POST /api/jobs'] as Operation, '429')).toEqual(['rate_limited']);
    expect(declaredCodes(byKey['GET /api/jobs'] as Operation, '429')).toEqual([]);
    expect(byKey['GET /api/jobs']?.responses['429']?.content?.['application/json']).toBeDefined();
  });

  it('has a title for every status a problem can have', () => {
    for (const status of new Set(Object.values(PROBLEM_STATUS)))
      expect(TITLES[status], String(status)).toBeDefined();
    expect(TITLES[403]).toBe('Forbidden');
    expect(TITLES[412]).toBe('Precondition Failed');
  });

  it('uses only regex syntax every engine reads alike (no \\p{…}, \\d, \\w, \\s, lookbehind, named groups or inline flags)', () => {
    const patterns = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'pattern' && typeof value === 'string') patterns.add(value);
          else walk(value);
        }
      }
    };
    walk(servedDocument);
    expect(patterns.size).toBeGreaterThan(5);
    for (const pattern of patterns) {
      expect(pattern, pattern).not.toMatch(/\\[pPdDwWsSbB]|\(\?<|\(\?[a-z]/);
      expect(() => new RegExp(pattern, 'u'), pattern).not.toThrow();
    }
    expect(portablePattern('^\\d{4}-[\\d:]+$')).toBe('^[0-9]{4}-[0-9:]+$');
  });

  it('describes every field of a job and of a run (the counters, attempts, next attempt, catch-up runs)', () => {
    const { Job, Run } = servedDocument.components.schemas as Record<
      string,
      { properties: Record<string, { enum?: string[] }> }
    >;
    for (const field of ['runsSucceeded', 'runsFailed', 'runsSkipped', 'nextRunAt', 'pausedReason'])
      expect(Job?.properties[field], field).toBeDefined();
    for (const field of ['attempts', 'nextAttemptAt', 'skipReason', 'outcome'])
      expect(Run?.properties[field], field).toBeDefined();
    expect(Run?.properties.trigger?.enum).toEqual(['schedule', 'manual', 'catch_up']);
  });
});
