import { readdirSync, readFileSync } from 'node:fs';
import { type ConsoleAssets, createConsoleSite, type TokenExchange } from '../http/console-site.js';

// The package holds the built console next to this file (lib/console-bundling.ts): read once per cold start.
const directory = new URL('./console/', import.meta.url);
const assets: ConsoleAssets = Object.fromEntries(
  readdirSync(directory)
    .filter((name) => name !== 'index.html')
    .map((name) => [name, readFileSync(new URL(name, directory), 'utf8')]),
);
const signIn = process.env.CONSOLE_SIGN_IN ?? 'token';
const page = readFileSync(new URL('index.html', directory), 'utf8').replace('%SIGN_IN%', signIn);

const tokenUrl = process.env.CONSOLE_TOKEN_URL;
const exchangeToken: TokenExchange | undefined = tokenUrl
  ? async (authorization, form) => {
      const response = await fetch(tokenUrl, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        signal: AbortSignal.timeout(5000),
      });
      return { status: response.status, body: await response.text() };
    }
  : undefined;

export const handler = createConsoleSite({ assets, page, ...(exchangeToken ? { exchangeToken } : {}) });
