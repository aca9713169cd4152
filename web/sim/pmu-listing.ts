// The guest program of the PMU scenarios as the learner sees it: the loop of
// assembly/workloads/pmu_program.ts, one line per instruction slot, in the
// same order. What each instruction is, not model quantities.
export const LISTING: readonly { asm: string; note: string }[] = [
  { asm: 'mov  rax, [rsi+rcx*8]', note: 'load, L1 hit' },
  { asm: 'add  rbx, rax', note: '' },
  { asm: 'mov  rdx, [rdi+rbx*8]', note: 'load, LLC miss' },
  { asm: 'add  rbx, rdx', note: '' },
  { asm: 'imul rax, rbx', note: '' },
  { asm: 'xor  edx, edx', note: '' },
  { asm: 'div  r8', note: '64-bit divide' },
  { asm: 'add  r9, rax', note: '' },
  { asm: 'inc  rcx', note: '' },
  { asm: 'and  rcx, r10', note: '' },
  { asm: 'dec  r11', note: '' },
  { asm: 'jnz  loop', note: 'branch' },
];

/** Event kinds (assembly/hw/pmu.ts EVT_*) by perf's names. */
export const EVENT_NAMES: Record<number, string> = {
  1: 'instructions', 2: 'cycles', 3: 'LLC-misses', 4: 'branches', 5: 'branch-misses', 6: 'LLC-references', 7: 'ref-cycles',
};

/** vpmu modes (assembly/kvm/pmu.ts VPMU_*). */
export const VPMU_MODES = ['legacy', 'reuse', 'mediated', 'off'] as const;

/** Hosts that run SVM (their exits carry SVM names). */
export const SVM_HOSTS: readonly string[] = ['zen3-5.15', 'zen4-6.x'];
