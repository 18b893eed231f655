#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/kdash.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  console.error('kdash: dist/kdash.js is missing; run `npm install` (or `npm run build`) in the kdash folder first.');
  process.exit(1);
}
await import(bundle.href);
