// Bundles the extension and vscode-languageclient into one file (dist/extension.js), so the .vsix
// ships no node_modules. `tsc` has type-checked the sources already.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: false,
  minify: true,
  logLevel: 'warning',
});
console.log('bundle: dist/extension.js');
