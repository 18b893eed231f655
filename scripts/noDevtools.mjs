// An esbuild plugin for bundles that include Ink: Ink imports react-devtools-core lazily, but
// bundled that import becomes a static one, so it is replaced by an empty module.
export const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {}' }));
  },
};
