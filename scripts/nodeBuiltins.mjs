// An esbuild plugin: the bundle reaches Node's built-in modules through `require` instead of
// `import` statements, so the bundle can be a plain script (see build.mjs), and Node builds no
// ES module facade for each built-in at start-up.
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules);

export const nodeBuiltins = {
  name: 'node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z0-9_/]+$/ }, (args) => {
      if (args.namespace === 'node-builtin') return { path: args.path, external: true };
      const name = args.path.replace(/^node:/, '');
      return builtins.has(name) ? { path: name, namespace: 'node-builtin' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(`node:${args.path}`)});`, loader: 'js' }));
  },
};
