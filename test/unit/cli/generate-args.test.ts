import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlagSpecs, noPositionals, parseArgs, requiredString } from '../../../src/cli/args';
import { UsageError } from '../../../src/cli/io';

const SPECS: FlagSpecs = {
  type: { kind: 'string' },
  hostname: { kind: 'list' },
  force: { kind: 'boolean' },
  out: { kind: 'string', short: 'o' },
};

test('--flag=value, --flag value, short flags, repeated lists, booleans, positionals', () => {
  const parsed = parseArgs(['recipe', '--type=server', '--hostname', 'a,b', '--hostname=c', '--force', '-o', 'dir', '-'], SPECS);
  assert.equal(parsed.strings.get('type'), 'server');
  assert.equal(parsed.strings.get('out'), 'dir');
  assert.deepEqual(parsed.lists.get('hostname'), ['a,b', 'c']);
  assert.ok(parsed.booleans.has('force'));
  assert.deepEqual(parsed.positionals, ['recipe', '-']);
});

test('a string flag takes "-" (stdout) and values starting with "-" as its value', () => {
  assert.equal(parseArgs(['--out', '-'], SPECS).strings.get('out'), '-');
  assert.equal(parseArgs(['--out', '--weird'], SPECS).strings.get('out'), '--weird');
});

test('"--" ends the flags; --force=false turns a boolean off', () => {
  const parsed = parseArgs(['--force', '--force=false', '--', '--type=x'], SPECS);
  assert.equal(parsed.booleans.has('force'), false);
  assert.deepEqual(parsed.positionals, ['--type=x']);
});

test('usage errors: unknown flag, missing value, repeated single flag, bad boolean', () => {
  const usage = (args: string[], message: RegExp): void =>
    assert.throws(() => parseArgs(args, SPECS), (error: unknown) => error instanceof UsageError && message.test(error.message));
  usage(['--colour=red'], /unknown flag "--colour"/);
  usage(['-x'], /unknown flag "-x"/);
  usage(['--type'], /flag --type needs a value/);
  usage(['--type=a', '--type=b'], /flag --type given more than once/);
  usage(['--force=yes'], /takes no value other than true or false/);
});

test('requiredString and noPositionals', () => {
  const parsed = parseArgs(['extra'], SPECS);
  assert.equal(requiredString(parsed, 'out', 'default'), 'default');
  assert.throws(() => requiredString(parsed, 'type'), /flag --type is required/);
  assert.throws(() => noPositionals(parsed, 'generate ca'), /generate ca takes no arguments, got "extra"/);
});
