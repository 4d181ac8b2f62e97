// Builds the .vsix users install and reports its size. `vsce` reads .vscodeignore (an allow-list).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = process.env.KUMA_TLS_VSIX ?? `out/${name}.vsix`;
execFileSync('npx', ['webpack', '--mode', 'production'], { stdio: 'inherit' });
execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], {
  stdio: 'inherit',
});
const bytes = statSync(out).size;
console.log(`Packaged ${out}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`);
