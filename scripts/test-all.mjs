// `npm test`: every layer, in order, each in the real thing it tests. `pretest` has already
// type-checked and compiled (tsc) and bundled (webpack). Prints one closing count line.
import { spawn } from 'node:child_process';

const layers = [
  { name: 'unit', command: ['node', '--test', '--test-reporter=spec', 'out/test/unit/'], parse: nodeTestCounts },
  { name: 'Neovim (its built-in LSP client, kuma-tls lsp --stdio)', command: ['node', '--test', '--test-reporter=spec', 'out/test/neovim/'], parse: nodeTestCounts },
  { name: 'in-editor (VS Code in code-server)', command: ['npm', 'run', '--silent', 'test:editor'], parse: editorCounts },
  { name: 'UI (workbench in Chromium)', command: ['npm', 'run', '--silent', 'test:ui'], parse: nodeTestCounts },
];

function nodeTestCounts(output) {
  const pass = [...output.matchAll(/^ℹ pass (\d+)$/gm)].pop();
  const fail = [...output.matchAll(/^ℹ fail (\d+)$/gm)].pop();
  // A skipped test is not a passed one: whatever it needed is missing, so the run says so.
  const skipped = [...output.matchAll(/^ℹ skipped (\d+)$/gm)].pop();
  const todo = [...output.matchAll(/^ℹ todo (\d+)$/gm)].pop();
  const notRun = Number(skipped?.[1] ?? 0) + Number(todo?.[1] ?? 0);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) + notRun } : undefined;
}

function editorCounts(output) {
  const m = [...output.matchAll(/^(\d+) in-editor tests, (\d+) failed/gm)].pop();
  return m ? { passed: Number(m[1]) - Number(m[2]), failed: Number(m[2]) } : undefined;
}

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

let passed = 0;
let failed = 0;
const summary = [];
for (const layer of layers) {
  console.log(`\n=== ${layer.name} ===`);
  const started = Date.now();
  const { code, output } = await run(layer.command);
  const counts = layer.parse(output);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!counts || counts.passed + counts.failed === 0) {
    // A layer that ran nothing is a failure, never a silent pass.
    failed += 1;
    summary.push(`${layer.name}: ran no test (exit ${code}) [${seconds}s]`);
    continue;
  }
  passed += counts.passed;
  failed += counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0);
  summary.push(`${layer.name}: ${counts.passed} passed, ${counts.failed} failed, exit ${code} [${seconds}s]`);
}
console.log(`\n=== summary ===\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
