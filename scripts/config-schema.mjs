// Writes schemas/kuma-tls-config.schema.json from the rule registry (run `npm run compile` first).
// test/unit/config/schema.test.ts fails when the file and the registry drift apart.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { configSchema } = require('../out/src/lint/config/schema.js');
writeFileSync(new URL('../schemas/kuma-tls-config.schema.json', import.meta.url), `${JSON.stringify(configSchema(), null, 2)}\n`);
console.log('wrote schemas/kuma-tls-config.schema.json');
