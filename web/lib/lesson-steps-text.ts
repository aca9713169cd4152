// The words of a lesson's "Try it in the terminal" block, in English and
// Simplified Chinese (components/lesson/TerminalSteps.svelte).
import type { Locale } from './lesson-types';

export interface StepsText {
  title: string;
  intro: string;
  listLabel: string;
  /** A step's state after its text, for screen readers (shown once it is done). */
  done: string;
  notDone: string;
  /** Visible progress, also what the polite live region says. */
  progress(done: number, total: number): string;
  /** Said (politely) when a step ticks: step number, then progress. */
  ticked(step: number): string;
  allDone: string;
}

const EN: StepsText = {
  title: 'Try it in the terminal',
  intro: 'Do these steps in the terminal below. Each one ticks itself when the terminal sees it done, whichever way you get there.',
  listLabel: 'Terminal steps',
  done: '(done)',
  notDone: '(not done yet)',
  progress: (done, total) => `${done} of ${total} steps done.`,
  ticked: (step) => `Step ${step} done.`,
  allDone: 'All steps done.',
};

const ZH: StepsText = {
  title: '在终端里试一试',
  intro: '在下面的终端里完成这些步骤。终端一看到某一步完成，就会自动打勾，不管你用的是哪种做法。',
  listLabel: '终端步骤',
  done: '（已完成）',
  notDone: '（尚未完成）',
  progress: (done, total) => `已完成 ${done}/${total} 步。`,
  ticked: (step) => `第 ${step} 步已完成。`,
  allDone: '全部步骤已完成。',
};

export function stepsText(locale: Locale): StepsText {
  return locale === 'zh-CN' ? ZH : EN;
}
