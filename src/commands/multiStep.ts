// A flow of several questions with "step x/y", a Back button and answers that survive Escape
// (the multi-step input pattern of microsoft/vscode-extension-samples' quickinput-sample, written
// for our prompts interface). Each step reads its default from the answers object and writes its
// answer back, so going back or re-running the command shows what was typed before.
// No vscode import: the step logic is unit-tested in Node.

/** A step's own answer "go back one step". */
export const BACK = Symbol('back');
export type Back = typeof BACK;

export interface StepPosition {
  step: number;
  totalSteps: number;
}

export interface Step<A> {
  /** Skipped (and not counted) when false, e.g. the names of a channel that issues no certificate. */
  when?: (answers: A) => boolean;
  /** Asks, stores the answer in `answers`; BACK to return to the previous step. Throws Cancelled on Escape. */
  ask: (answers: A, position: StepPosition) => Promise<void | Back>;
}

/** Runs `steps` over `answers` until the last is answered; a step that throws (Escape) leaves the answers kept. */
export async function runSteps<A>(steps: readonly Step<A>[], answers: A): Promise<void> {
  const visited: number[] = [];
  let index = 0;
  while (index < steps.length) {
    const step = steps[index];
    const active = steps.filter((s) => s.when === undefined || s.when(answers));
    if (!active.includes(step)) {
      index++;
      continue;
    }
    const result = await step.ask(answers, { step: active.indexOf(step) + 1, totalSteps: active.length });
    if (result === BACK) {
      const previous = visited.pop();
      if (previous !== undefined) index = previous;
      continue;
    }
    visited.push(index);
    index++;
  }
}
