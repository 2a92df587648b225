import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/domain/errors.js';
import { checkTargetUrl } from '../../../lambdas/domain/target-policy.js';

describe('checkTargetUrl', () => {
  it('accepts https anywhere', () => {
    expect(() => checkTargetUrl('https://hooks.example.com/x', [])).not.toThrow();
  });

  it('refuses plain http unless the host is allowlisted', () => {
    expect(() => checkTargetUrl('http://hooks.example.com/x', [])).toThrow(ValidationError);
    expect(() => checkTargetUrl('http://127.0.0.1:8080/x', [])).toThrow(ValidationError);
    expect(() => checkTargetUrl('http://127.0.0.1:8080/x', ['127.0.0.1'])).not.toThrow();
    expect(() => checkTargetUrl('http://[::1]:8080/x', ['::1'])).not.toThrow();
  });

  it('refuses credentials in the URL', () => {
    expect(() => checkTargetUrl('https://user:secret@example.com/x', [])).toThrow(/Credentials/);
  });
});
