// Copies the environment JSON Schema from the wfl repository into the extension (schemas/), where
// package.json's jsonValidation and yamlValidation contributions point. Run by `npm run compile`.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const source = join(here, '..', '..', 'schemas', 'environment.schema.json');
const target = join(here, 'schemas', 'environment.schema.json');

if (!existsSync(source)) {
  if (existsSync(target)) {
    console.warn(`copy-schema: ${source} not found; keeping ${target}`);
    process.exit(0);
  }
  console.error(`copy-schema: ${source} not found (build the extension inside the wfl repository)`);
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
console.log(`copy-schema: ${source} -> schemas/environment.schema.json`);
