import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { type BuildOptions, buildSync } from 'esbuild';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * How every Lambda of the stack is bundled, shared by the stack and the benchmarks (test/bench/bundles.ts) so
 * the figures describe what is deployed: minified ESM for Node 24 with the AWS SDK inside (the local AWS
 * provides none), split so that what a handler imports dynamically (the clients of rarer target kinds) is a
 * chunk loaded on first use instead of code every cold start compiles; and the SDK's default credential
 * chain swapped for the two providers a Lambda can use (lambdas/runtime/lambda-credentials.ts).
 */
export const lambdaBuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  splitting: true,
  mainFields: ['module', 'main'],
  entryNames: 'index',
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  alias: {
    // Here every SDK client's default credential chain is swapped: instead of the whole chain (SSO, INI files,
    // processes, web identity, IMDS, ≈ 107 KB of package a Lambda never runs), a provider that reads only the
    // environment (Lambda) or a container credentials URI (the local AWS's workers). Figures and why: that file.
    '@aws-sdk/credential-provider-node': `${projectRoot}lambdas/runtime/lambda-credentials.ts`,
  },
  // Some bundled CommonJS dependencies call require(); give every ESM file one.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'error',
} satisfies BuildOptions;

/** The handler module's file name in the bundle: the Lambda handler is `index.handler`. */
export const HANDLER = 'index.handler';

/**
 * The deployment package of the handler module `lambdas/handlers/<name>.ts`, bundled on this machine by
 * esbuild (no Docker: the image below is never pulled because local bundling always succeeds).
 */
export function lambdaCode(handlerModule: string, options: { sourceMaps: boolean }): Code {
  return Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('unused-local-bundling'),
      // Part of the bundling cache key: without it the stack's functions, bundled from the same source
      // directory with the same options, would all share the first one's package.
      command: ['esbuild', `lambdas/handlers/${handlerModule}.ts`, `--sourcemap=${options.sourceMaps}`],
      local: {
        tryBundle(outputDir) {
          buildSync({
            ...lambdaBuildOptions,
            entryPoints: [`${projectRoot}lambdas/handlers/${handlerModule}.ts`],
            outdir: outputDir,
            sourcemap: options.sourceMaps,
          });
          return true;
        },
      },
    },
  });
}
