// Builds the benchmark like the product (bundled, production mode) and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { noDevtools } from './noDevtools.mjs';

await build({
  entryPoints: ['bench/run.ts'], outfile: 'dist/bench.js', bundle: true, platform: 'node', target: 'node20',
  format: 'esm', external: ['@kubernetes/client-node'], plugins: [noDevtools],
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __kdashRequire } from 'node:module'; const require = __kdashRequire(import.meta.url);" },
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--expose-gc', 'dist/bench.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
