// An esbuild plugin: `import('@kubernetes/client-node')` in the sources becomes
// `__kdashImport('@kubernetes/client-node')`, the launcher's own `import()` (bin/kdash.js passes it
// to the bundle). An `import()` inside a vm.Script compiled from a V8 code cache fails in Node 20
// (the cached code no longer finds the script's import callback), so the bundle has none of its own.
import { readFile } from 'node:fs/promises';

const IMPORT = /(?<!typeof )\bimport\((['"])@kubernetes\/client-node\1\)/g;

export const externalImports = {
  name: 'external-imports',
  setup(b) {
    b.onLoad({ filter: /[\\/]backends[\\/]live[\\/][^\\/]+\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(IMPORT, "__kdashImport('@kubernetes/client-node')");
      return contents === source ? undefined : { contents, loader: 'ts' };
    });
  },
};
