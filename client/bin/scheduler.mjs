#!/usr/bin/env node
// The `scheduler` CLI. The package ships TypeScript sources; tsx loads them (no build step to forget).
import { readFile } from 'node:fs/promises';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');

const readStdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
};

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => (path === '-' ? readStdin() : readFile(path, 'utf8')),
});
