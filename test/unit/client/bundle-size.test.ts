import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the client in a browser', () => {
  it('bundles for the browser with no Node-only import, small (size printed)', async () => {
    // platform browser: a node: import in the client's core would fail the build.
    const result = await build({
      entryPoints: [new URL('../../../client/src/index.ts', import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    const gzipped = gzipSync(code).byteLength;
    console.log(
      `client bundle (browser, minified): ${(code.byteLength / 1024).toFixed(1)} KiB, gzip ${(gzipped / 1024).toFixed(1)} KiB`,
    );

    expect(new TextDecoder().decode(code)).not.toContain('credential-provider-node');
    expect(gzipped).toBeLessThan(30 * 1024);
  });
});
