import type { Authenticator } from './authenticator.js';

/** A bearer JWT: a fixed token, or a function asked for one before every attempt (it may cache). */
export function bearerToken(token: string | (() => string | Promise<string>)): Authenticator {
  return {
    async headers() {
      return { authorization: `Bearer ${typeof token === 'string' ? token : await token()}` };
    },
  };
}
