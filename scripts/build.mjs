// Bundles the CLI into dist/kdash.js: one minified file starts about twice as fast as the
// unbundled sources. @kubernetes/client-node stays outside the bundle and is imported only
// when a live backend is used.
//
// The bundle is a classic script holding one async function expression,
// `(require, importMetaUrl, importModule) => …`, not an ES module: bin/kdash.js compiles it with vm.Script,
// which can reuse V8's compiled code from an earlier start (a code cache); in Node 20 an ES
// module cannot. It reaches Node's built-ins through `require` (nodeBuiltins), and esbuild's
// default ASCII charset lets bin/kdash.js read it as latin1.
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { build } from 'esbuild';
import { externalImports } from './externalImports.mjs';
import { lazyEmojiRegex } from './lazyEmojiRegex.mjs';
import { noDevtools } from './noDevtools.mjs';
import { nodeBuiltins } from './nodeBuiltins.mjs';

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/kdash.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  charset: 'ascii',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  external: ['@kubernetes/client-node'],
  plugins: [noDevtools, nodeBuiltins, lazyEmojiRegex, externalImports],
  define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__kdashImportMetaUrl' },
  banner: { js: "(async function (require, __kdashImportMetaUrl, __kdashImport) {'use strict';" },
  footer: { js: '})' },
  logLevel: 'warning',
});

// The bundle must compile as a script (no `import.meta` but the replaced `import.meta.url`, no
// `import`/`export` statements), or V8 would refuse it at every start-up: the build refuses it first.
new Script(readFileSync('dist/kdash.js', 'latin1'), { filename: 'dist/kdash.js' });
