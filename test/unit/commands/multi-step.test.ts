// The multi-step input's order of questions (src/commands/multiStep.ts): step numbers count only
// the steps that apply, Back returns to the step answered before, and answers survive both Back
// and a cancelled run, so a re-run starts from them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACK, Back, Step, StepPosition, runSteps } from '../../../src/commands/multiStep';

interface Answers {
  channel?: string;
  name?: string;
  hosts?: string;
}

/** Steps that answer from a script; each call records where it was asked. */
function scripted(script: Array<string | Back | 'escape'>, asked: string[]): Step<Answers>[] {
  const next = (label: string, at: StepPosition): string | Back => {
    asked.push(`${label} ${at.step}/${at.totalSteps}`);
    const answer = script.shift();
    if (answer === undefined || answer === 'escape') throw new Error('escape');
    return answer;
  };
  const step = (label: keyof Answers, when?: (a: Answers) => boolean): Step<Answers> => ({
    when,
    ask: async (a, at) => {
      const answer = next(label, at);
      if (answer === BACK) return BACK;
      a[label] = answer;
      return undefined;
    },
  });
  return [step('channel'), step('name'), step('hosts', (a) => a.channel !== 'zone')];
}

test('steps are numbered among those that apply: once an answer rules a step out, it is not counted', async () => {
  const asked: string[] = [];
  const answers: Answers = {};
  await runSteps(scripted(['zone', 'kds-ca'], asked), answers);
  assert.deepEqual(asked, ['channel 1/3', 'name 2/2']);
  assert.deepEqual(answers, { channel: 'zone', name: 'kds-ca' });
});

test('Back returns to the previous step and keeps what was answered', async () => {
  const asked: string[] = [];
  const answers: Answers = {};
  await runSteps(scripted(['general', 'first', BACK, 'second', 'a.example'], asked), answers);
  assert.deepEqual(asked, ['channel 1/3', 'name 2/3', 'hosts 3/3', 'name 2/3', 'hosts 3/3']);
  assert.deepEqual(answers, { channel: 'general', name: 'second', hosts: 'a.example' });
});

test('Back on the first step stays on it', async () => {
  const asked: string[] = [];
  await runSteps(scripted([BACK, 'zone', 'n'], asked), {});
  assert.deepEqual(asked, ['channel 1/3', 'channel 1/3', 'name 2/2']);
});

test('a cancelled run leaves its answers for the next run', async () => {
  const answers: Answers = {};
  await assert.rejects(runSteps(scripted(['general', 'kept', 'escape'], []), answers), /escape/);
  assert.deepEqual(answers, { channel: 'general', name: 'kept' });
});
