// An esbuild plugin for string-width 8: its module builds /^\p{RGI_Emoji}$/v on load, which costs
// V8 about 20 ms (a fifth of the dashboard's first frame). A segment of one code point is an RGI
// emoji exactly when it has Emoji_Presentation and is not a regional indicator (checked over every
// code point), which a cheap expression tells; the full expression is built on the first longer
// segment. The build fails if string-width's source no longer has the line it replaces.
import { readFile } from 'node:fs/promises';

const LINE = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
const LAZY = `const singleCodePointEmoji = /^(?!\\p{Regional_Indicator})\\p{Emoji_Presentation}$/u;
let fullRgiEmojiRegex;
const rgiEmojiRegex = {
  test: (s) => s.length === 1 || (s.length === 2 && s.codePointAt(0) > 0xffff)
    ? singleCodePointEmoji.test(s)
    : (fullRgiEmojiRegex ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(s),
};`;

export const lazyEmojiRegex = {
  name: 'lazy-emoji-regex',
  setup(b) {
    // The package's own string-width, not the older one nested under wrap-ansi.
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      if (/[\\/]wrap-ansi[\\/]/.test(args.path)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(LINE)) throw new Error(`${args.path}: no \`${LINE}\` to make lazy (string-width changed; update scripts/lazyEmojiRegex.mjs)`);
      return { contents: source.replace(LINE, () => LAZY), loader: 'js' };
    });
  },
};
