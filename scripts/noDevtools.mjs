// An esbuild plugin for bundles that include Ink: Ink imports react-devtools-core (through its
// devtools.js, which also brings the `ws` WebSocket library) only when DEV=true, but bundled that
// import becomes a static one, so both are replaced by an empty module.
export const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools', namespace: 'stub' }));
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (/[\\/]ink[\\/]build$/.test(args.resolveDir) ? { path: 'ink-devtools', namespace: 'stub' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {}' }));
  },
};
