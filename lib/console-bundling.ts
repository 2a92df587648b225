import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { type BuildOptions, buildSync } from 'esbuild';
import { lambdaBuildOptions } from './lambda-bundling.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const consoleSource = `${projectRoot}client/console/`;

/** The browser bundle: one minified ES module for current Chromium and Firefox, no source map shipped. */
export const consoleBuildOptions = {
  entryPoints: [`${consoleSource}src/main.ts`],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: ['chrome120', 'firefox121', 'safari17'],
  minify: true,
  legalComments: 'none',
  logLevel: 'error',
} satisfies BuildOptions;

/** The files the console serves, written to `outDir`: index.html, console.js, console.css. */
export function buildConsole(outDir: string): { javascriptBytes: number; javascriptGzipBytes: number } {
  mkdirSync(outDir, { recursive: true });
  buildSync({ ...consoleBuildOptions, outfile: join(outDir, 'console.js') });
  for (const file of ['index.html', 'console.css'])
    copyFileSync(`${consoleSource}static/${file}`, join(outDir, file));
  const javascript = readFileSync(join(outDir, 'console.js'));
  return {
    javascriptBytes: javascript.length,
    javascriptGzipBytes: gzipSync(javascript, { level: 9 }).length,
  };
}

/** The console function's package: its handler (bundled like every handler) with the built console beside it. */
export function consoleCode(options: { sourceMaps: boolean }): Code {
  return Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('unused-local-bundling'),
      command: [
        'esbuild',
        'lambdas/handlers/console.ts',
        'client/console',
        `--sourcemap=${options.sourceMaps}`,
      ],
      local: {
        tryBundle(outputDir) {
          buildSync({
            ...lambdaBuildOptions,
            entryPoints: [`${projectRoot}lambdas/handlers/console.ts`],
            outdir: outputDir,
            sourcemap: options.sourceMaps,
          });
          buildConsole(join(outputDir, 'console'));
          return true;
        },
      },
    },
  });
}
