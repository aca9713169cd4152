// The one parameter schema: the UI's controls, the CLI's name=value
// arguments, the URL state and the tests all read it. Names follow the
// kernel's where the kernel has one.

export interface IntParam {
  kind: 'int';
  name: string;
  unit: string;
  default: number;
  min: number;
  max: number;
  description: string;
  /** Where the real knob lives, when it is a kernel one. */
  knob?: string;
}

export interface EnumParam {
  kind: 'enum';
  name: string;
  unit: '';
  default: string;
  options: readonly string[];
  description: string;
  knob?: string;
}

export type ParamSpec = IntParam | EnumParam;
export type ParamValue = number | string;
export type Params = Record<string, ParamValue>;

/** The virtual PMU's parameters (perf-stat, perf-record, vpmu-switch). */
const PMU_PARAMS: Record<string, ParamSpec> = {
  vpmu: {
    kind: 'enum', name: 'vpmu', unit: '', default: 'reuse', options: ['legacy', 'reuse', 'mediated', 'off'],
    description: 'KVM\'s virtual PMU: legacy re-creates the host perf event on every control write (before Linux 5.5); reuse pauses and reuses it, releasing it lazily (what was merged); mediated hands the counters to the guest, control MSRs still exit (6.20+, enable_mediated_pmu=1); off gives the guest no PMU.',
    knob: 'kvm.enable_pmu / kvm.enable_mediated_pmu',
  },
  pmu: {
    kind: 'enum', name: 'pmu', unit: '', default: 'host', options: ['host', 'intel', 'intel-v1', 'amd-v1', 'amd-v2'],
    description: 'The PMU the guest sees: the host\'s own; Intel architectural perfmon with PERF_GLOBAL_CTRL; Intel version 1 (no global control); AMD without or with PerfMon V2 (PerfCntrGlobalCtl).',
    knob: 'guest CPUID leaf 0xA / 0x80000022',
  },
  counters: {
    kind: 'int', name: 'counters', unit: '', default: 4, min: 1, max: 8,
    description: 'Events perf stat counts, one general-purpose counter each (instructions, cycles, branches, branch-misses, LLC-misses, LLC-references, then instructions and cycles again); at most as many as the PMU has.',
  },
  precise: {
    kind: 'int', name: 'precise', unit: '', default: 0, min: 0, max: 3,
    description: 'perf\'s :p level (precise_ip): 0 an interrupt with skid; 1 PEBS, the IP after the event; 2 PEBS rewound by the kernel; 3 no skid (PDIR on fixed 0, PDist on GP 0).',
    knob: 'perf record -e event:ppp',
  },
  period: {
    kind: 'int', name: 'period', unit: 'events', default: 20011, min: 1000, max: 10000000,
    description: 'Sampling period: a sample every this many events.',
    knob: 'perf record -c',
  },
  event: {
    kind: 'enum', name: 'event', unit: '', default: 'instructions', options: ['instructions', 'cycles'],
    description: 'The event perf record samples.',
    knob: 'perf record -e',
  },
  samples: {
    kind: 'int', name: 'samples', unit: '', default: 2000, min: 100, max: 50000,
    description: 'Samples to take before the run ends.',
  },
  nmi_watchdog: {
    kind: 'enum', name: 'nmi_watchdog', unit: '', default: 'on', options: ['on', 'off'],
    description: 'The host\'s hard-lockup detector: its perf event keeps the host PMU reserved, so creating a guest\'s event never has to reserve the DS buffers.',
    knob: '/proc/sys/kernel/nmi_watchdog',
  },
  pmu_filter: {
    kind: 'enum', name: 'pmu_filter', unit: '', default: 'none', options: ['none', 'deny-instructions', 'deny-llc-misses', 'allow-cycles'],
    description: 'A KVM_SET_PMU_EVENT_FILTER the VMM installs: deny instructions or LLC misses, or allow only cycles. A denied event does not count, emulated instructions included.',
    knob: 'KVM_SET_PMU_EVENT_FILTER',
  },
  host_perf: {
    kind: 'enum', name: 'host_perf', unit: '', default: 'off', options: ['on', 'off'],
    description: 'on: the host\'s own perf holds GP counter 0 and fixed counter 0, so host perf places the guest\'s events elsewhere (cross-mapping) and KVM disables guest PEBS for them.',
  },
  loop_iterations: {
    kind: 'int', name: 'loop_iterations', unit: '', default: 10000, min: 1, max: 1000000,
    description: 'Iterations of the program\'s loop in the measured region.',
  },
  sample_hz: {
    kind: 'int', name: 'sample_hz', unit: 'Hz', default: 1000, min: 100, max: 10000,
    description: 'Samples per second per event (perf record -F).',
    knob: 'perf record -F',
  },
  phase_work_ns: {
    kind: 'int', name: 'phase_work_ns', unit: 'ns', default: 50000000, min: 1000000, max: 1000000000,
    description: 'Guest work each vPMU design runs (both tasks together); the time it takes is that design\'s cost.',
  },
  switch_ns: {
    kind: 'int', name: 'switch_ns', unit: 'ns', default: 3000000, min: 100000, max: 100000000,
    description: 'Guest time slice: the guest switches between the profiled task and another this often.',
  },
};

/** The device scenarios' parameters (nic, disk). */
const DEVICE_PARAMS: Record<string, ParamSpec> = {
  nic: {
    kind: 'enum', name: 'nic', unit: '', default: 'e1000', options: ['e1000', 'virtio', 'vhost'],
    description: 'The guest\'s NIC: e1000 (fully emulated by QEMU, every register access an exit), virtio (virtio-net, vrings served by QEMU\'s main loop, one kick per batch) or vhost (the same rings served by the vhost-net kernel thread, completions through irqfd).',
    knob: '-device e1000 | -device virtio-net-pci | -netdev tap,vhost=on',
  },
  disk: {
    kind: 'enum', name: 'disk', unit: '', default: 'ide', options: ['ide', 'virtio-blk'],
    description: 'The guest\'s disk: ide (QEMU\'s IDE in PIO mode: task-file, status and data-port accesses are port I/O exits) or virtio-blk (a request ring and one kick per batch).',
    knob: '-drive if=ide | -drive if=virtio',
  },
  disk_device: {
    kind: 'enum', name: 'disk_device', unit: '', default: 'ssd', options: ['ssd', 'hdd'],
    description: 'The physical disk behind it: ssd (SATA, ~80 µs per access, 500 MB/s) or hdd (7,200 rpm: 150 MB/s, 8.5 ms seek and half a rotation for a random access). Model assumptions from typical data sheets.',
  },
  irq_affinity: {
    kind: 'enum', name: 'irq_affinity', unit: '', default: 'other', options: ['other', 'same'],
    description: 'Where the physical device\'s interrupts land: other (steered to a host CPU that runs no vCPU, as in S2) or same (the pCPU of vCPU 0: each one that arrives in guest mode is an EXTERNAL_INTERRUPT exit).',
    knob: '/proc/irq/N/smp_affinity',
  },
  clients: {
    kind: 'int', name: 'clients', unit: '', default: 2, min: 1, max: 1024,
    description: 'The offered load: concurrent clients of the load generator, each running HTTP/1.0 requests back to back (webbench -c). S2 does not give its client count; the default 2 is the model\'s stand-in for its load, one value for all three NICs.',
  },
  access: {
    kind: 'enum', name: 'access', unit: '', default: 'seq', options: ['seq', 'rand'],
    description: 'iozone\'s access pattern: sequential records, or random offsets (a rotating disk then seeks).',
  },
  record_kb: {
    kind: 'int', name: 'record_kb', unit: 'KB', default: 8, min: 1, max: 4096,
    description: 'Bytes per direct-I/O read (iozone -r); S2 used 8 KB. Larger records show each disk model\'s streaming rate.',
  },
};

export const PARAMS: Record<string, ParamSpec> = {
  host: {
    kind: 'enum', name: 'host', unit: '', default: 'snb-3.11', options: ['snb-3.11', 'spr-6.x', 'icx-5.15', 'zen3-5.15', 'zen4-6.x'],
    description: 'Host hardware and kernel: snb-3.11 is S1\'s hosts (Sandy/Ivy Bridge at 2.6 GHz, Linux 3.11); spr-6.x a Sapphire Rapids-class host with a 6.x kernel (fastpaths, APICv, posted interrupts, IPI virtualization, VMX preemption timer, EEVDF; PDIR++ and PDist); icx-5.15 Ice Lake server with Linux 5.15 (PDIR on fixed counter 0, guest PEBS); zen3-5.15 and zen4-6.x AMD hosts, without and with PerfMon V2.',
  },
  host_cstates: {
    kind: 'enum', name: 'host_cstates', unit: '', default: 'off', options: ['on', 'off'],
    description: 'on: an idle pCPU may enter C-states deeper than C1, chosen by the menu governor from its recent idle periods; waking it pays that state\'s exit latency (intel_idle tables). off: C1 only.',
    knob: 'intel_idle.max_cstate= / /sys/devices/system/cpu/cpu*/cpuidle/state*/disable',
  },
  iterations: {
    kind: 'int', name: 'iterations', unit: '', default: 2000, min: 1, max: 100000,
    description: 'Measured wake-ups (IPI sent, handler reached) after the warm-up.',
  },
  warmup: {
    kind: 'int', name: 'warmup', unit: '', default: 10, min: 0, max: 10000,
    description: 'Wake-ups run first and left out of the statistics, while the poll window adapts.',
  },
  delay_ns: {
    kind: 'int', name: 'delay_ns', unit: 'ns', default: 100000, min: 1000, max: 10000000,
    description: 'How long vCPU0 stays halted before vCPU1 sends the IPI (S1 used about 100 µs).',
  },
  virt: {
    kind: 'enum', name: 'virt', unit: '', default: 'on', options: ['on', 'off'],
    description: 'on: the benchmark runs in a KVM guest; off: the same benchmark on bare metal.',
  },
  halt_poll_ns: {
    kind: 'int', name: 'halt_poll_ns', unit: 'ns', default: 200000, min: 0, max: 10000000,
    description: 'Upper bound of the per-vCPU halt-poll window; 0 means always schedule on HLT.',
    knob: '/sys/module/kvm/parameters/halt_poll_ns',
  },
  halt_poll_ns_grow: {
    kind: 'int', name: 'halt_poll_ns_grow', unit: '×', default: 2, min: 0, max: 16,
    description: 'Factor the window grows by after a halt it missed; 0 freezes it.',
    knob: '/sys/module/kvm/parameters/halt_poll_ns_grow',
  },
  halt_poll_ns_grow_start: {
    kind: 'int', name: 'halt_poll_ns_grow_start', unit: 'ns', default: 10000, min: 0, max: 10000000,
    description: 'First non-zero window; a shrink below it resets the window to 0.',
    knob: '/sys/module/kvm/parameters/halt_poll_ns_grow_start',
  },
  halt_poll_ns_shrink: {
    kind: 'int', name: 'halt_poll_ns_shrink', unit: '÷', default: 2, min: 0, max: 16,
    description: 'Divisor applied after a halt longer than halt_poll_ns; 0 resets the window to 0 (the default before Linux 6.11).',
    knob: '/sys/module/kvm/parameters/halt_poll_ns_shrink',
  },
  halt_poll_policy: {
    kind: 'enum', name: 'halt_poll_policy', unit: '', default: 'adaptive', options: ['adaptive', 'fixed'],
    description: 'adaptive: the per-vCPU window that grows and shrinks (Linux 4.3+); fixed: poll the whole halt_poll_ns on every halt, as first merged in Linux 4.0.',
  },
  duration_ns: {
    kind: 'int', name: 'duration_ns', unit: 'ns', default: 100000000, min: 1000000, max: 10000000000,
    description: 'Simulated time to run.',
  },
  vcpus: {
    kind: 'int', name: 'vcpus', unit: '', default: 2, min: 1, max: 8,
    description: 'vCPUs of the guest.',
  },
  pcpus: {
    kind: 'int', name: 'pcpus', unit: '', default: 2, min: 1, max: 8,
    description: 'Physical CPUs of the host that run the vCPU threads.',
  },
  pin: {
    kind: 'enum', name: 'pin', unit: '', default: 'on', options: ['on', 'off'],
    description: 'on: vCPU thread i is pinned to pCPU i mod pcpus; off: a woken thread goes to an idle pCPU if there is one.',
    knob: 'taskset / libvirt <vcpupin>',
  },
  host_tasks: {
    kind: 'int', name: 'host_tasks', unit: '', default: 0, min: 0, max: 8,
    description: 'Other CPU-bound host tasks, task j on pCPU j mod pcpus: overcommit. Ignored with virt=off.',
  },
  idle: {
    kind: 'enum', name: 'idle', unit: '', default: 'halt', options: ['halt', 'poll', 'haltpoll'],
    description: 'Guest idle loop: HLT; idle=poll (spin, never HLT); or the cpuidle-haltpoll driver (poll in the guest, then HLT; turns host polling off through MSR_KVM_POLL_CONTROL).',
    knob: 'guest kernel command line idle=poll / cpuidle_haltpoll',
  },
  guest_halt_poll_ns: {
    kind: 'int', name: 'guest_halt_poll_ns', unit: 'ns', default: 200000, min: 0, max: 10000000,
    description: 'idle=haltpoll: upper bound of the guest\'s poll window.',
    knob: '/sys/module/haltpoll/parameters/guest_halt_poll_ns',
  },
  guest_halt_poll_grow: {
    kind: 'int', name: 'guest_halt_poll_grow', unit: '×', default: 2, min: 0, max: 16,
    description: 'idle=haltpoll: factor the guest poll window grows by.',
    knob: '/sys/module/haltpoll/parameters/guest_halt_poll_grow',
  },
  guest_halt_poll_grow_start: {
    kind: 'int', name: 'guest_halt_poll_grow_start', unit: 'ns', default: 50000, min: 0, max: 10000000,
    description: 'idle=haltpoll: first non-zero guest poll window.',
    knob: '/sys/module/haltpoll/parameters/guest_halt_poll_grow_start',
  },
  guest_halt_poll_shrink: {
    kind: 'int', name: 'guest_halt_poll_shrink', unit: '÷', default: 2, min: 0, max: 16,
    description: 'idle=haltpoll: divisor after a HLT longer than guest_halt_poll_ns; 0 resets to 0.',
    knob: '/sys/module/haltpoll/parameters/guest_halt_poll_shrink',
  },
  guest_halt_poll_allow_shrink: {
    kind: 'enum', name: 'guest_halt_poll_allow_shrink', unit: '', default: 'on', options: ['on', 'off'],
    description: 'idle=haltpoll: whether the guest poll window may shrink.',
    knob: '/sys/module/haltpoll/parameters/guest_halt_poll_allow_shrink',
  },
  nohz: {
    kind: 'enum', name: 'nohz', unit: '', default: 'on', options: ['on', 'off'],
    description: 'Guest NOHZ idle: stop the tick when entering idle and restart it on leaving (two timer writes each).',
    knob: 'guest kernel command line nohz=',
  },
  timer: {
    kind: 'enum', name: 'timer', unit: '', default: 'tsc_deadline', options: ['tsc_deadline', 'tmict'],
    description: 'Guest clockevent: TSC-deadline MSR 0x6E0 (fast path, VMX preemption timer) or the LAPIC initial count, x2APIC MSR 0x838.',
  },
  guest_hz: {
    kind: 'int', name: 'guest_hz', unit: 'Hz', default: 250, min: 100, max: 1000,
    description: 'Guest tick rate (CONFIG_HZ) while a vCPU is busy.',
  },
  host_hz: {
    kind: 'int', name: 'host_hz', unit: 'Hz', default: 1000, min: 100, max: 1000,
    description: 'Host tick rate (CONFIG_HZ) on busy pCPUs; each tick that lands in guest mode is an exit.',
  },
  hlt_exits: {
    kind: 'enum', name: 'hlt_exits', unit: '', default: 'on', options: ['on', 'off'],
    description: 'off: KVM_X86_DISABLE_EXITS_HLT — the guest halts the physical CPU itself; no HLT exits, the host sees the vCPU thread busy.',
    knob: 'KVM_CAP_X86_DISABLE_EXITS',
  },
  apicv: {
    kind: 'enum', name: 'apicv', unit: '', default: 'on', options: ['on', 'off'],
    description: 'APIC virtualization: EOI writes need no exit; off also turns posted interrupts and IPI virtualization off.',
    knob: '/sys/module/kvm_intel/parameters/enable_apicv',
  },
  posted_interrupts: {
    kind: 'enum', name: 'posted_interrupts', unit: '', default: 'on', options: ['on', 'off'],
    description: 'Interrupts for a running vCPU are posted without an exit (needs apicv=on).',
  },
  ipiv: {
    kind: 'enum', name: 'ipiv', unit: '', default: 'off', options: ['on', 'off'],
    description: 'IPI virtualization (Sapphire Rapids and later): ICR writes do not exit (needs apicv and posted interrupts).',
    knob: '/sys/module/kvm_intel/parameters/enable_ipiv',
  },
  pv_eoi: {
    kind: 'enum', name: 'pv_eoi', unit: '', default: 'off', options: ['on', 'off'],
    description: 'Paravirtual EOI: without APICv the guest skips most EOI writes.',
    knob: '-cpu host,+kvm_pv_eoi',
  },
  ple_gap: {
    kind: 'int', name: 'ple_gap', unit: 'cycles', default: 128, min: 0, max: 4096,
    description: 'Largest gap between two PAUSEs that still counts as one spin loop; 0 turns PAUSE-loop exiting off.',
    knob: '/sys/module/kvm_intel/parameters/ple_gap',
  },
  ple_window: {
    kind: 'int', name: 'ple_window', unit: 'cycles', default: 4096, min: 1, max: 1000000,
    description: 'Cycles a PAUSE loop may spin before it exits (the per-vCPU window starts here).',
    knob: '/sys/module/kvm_intel/parameters/ple_window',
  },
  ple_window_grow: {
    kind: 'int', name: 'ple_window_grow', unit: '', default: 2, min: 0, max: 1000000,
    description: 'Per-exit growth of the window: a factor if below ple_window, else an increment; 0 resets.',
    knob: '/sys/module/kvm_intel/parameters/ple_window_grow',
  },
  ple_window_shrink: {
    kind: 'int', name: 'ple_window_shrink', unit: '', default: 0, min: 0, max: 1000000,
    description: 'Shrink at sched-in: a divisor if below ple_window, else a decrement; 0 resets to ple_window.',
    knob: '/sys/module/kvm_intel/parameters/ple_window_shrink',
  },
  ple_window_max: {
    kind: 'int', name: 'ple_window_max', unit: 'cycles', default: 4294967295, min: 1, max: 4294967295,
    description: 'Upper bound of the per-vCPU window (UINT_MAX by default).',
    knob: '/sys/module/kvm_intel/parameters/ple_window_max',
  },
  stack_ns: {
    kind: 'int', name: 'stack_ns', unit: 'ns', default: 6000, min: 0, max: 1000000,
    description: 'Guest network-stack work per message (send path plus receive path), split half on each side. A model assumption, not a measured figure.',
  },
  wake_interval_ns: {
    kind: 'int', name: 'wake_interval_ns', unit: 'ns', default: 31250000, min: 10000, max: 10000000000,
    description: 'Mean time between the idle guest\'s timer wake-ups (default 32/s, the HLT rate of an idle Linux 4.4 guest in S2).',
  },
  wake_pattern: {
    kind: 'enum', name: 'wake_pattern', unit: '', default: 'poisson', options: ['periodic', 'poisson'],
    description: 'periodic: exactly every wake_interval_ns; poisson: random, with that mean.',
  },
  work_ns: {
    kind: 'int', name: 'work_ns', unit: 'ns', default: 20000, min: 0, max: 10000000,
    description: 'Guest work per idle wake-up.',
  },
  hold_ns: {
    kind: 'int', name: 'hold_ns', unit: 'ns', default: 1000, min: 0, max: 1000000,
    description: 'Time the lock is held per acquisition.',
  },
  think_ns: {
    kind: 'int', name: 'think_ns', unit: 'ns', default: 5000, min: 0, max: 10000000,
    description: 'Mean work between two acquisitions (exponential).',
  },
  ...PMU_PARAMS,
  ...DEVICE_PARAMS,
};

export interface HostPreset {
  name: string;
  title: string;
  /** What a reader should know about where its costs come from. */
  summary: string;
  /** Defaults this host gives parameters (a scenario's fixed values and the user's still win). */
  defaults: Params;
  /** Options this host's hardware cannot have, by parameter. */
  lacks?: Record<string, readonly string[]>;
}

export const HOST_PRESETS: Record<string, HostPreset> = {
  'snb-3.11': {
    name: 'snb-3.11',
    title: 'Sandy/Ivy Bridge, 2.6 GHz, Linux 3.11',
    summary:
      'S1\'s hosts. The IPI → HLT path is calibrated against S1\'s measured segments; everything else follows from the mechanism. No IPI virtualization, no preemption-timer backend, no irq-off fastpaths; CFS.',
    defaults: { ipiv: 'off', halt_poll_ns_shrink: 0, vpmu: 'legacy' },
    lacks: { ipiv: ['on'], vpmu: ['reuse', 'mediated'], pmu: ['amd-v1', 'amd-v2'] },
  },
  'spr-6.x': {
    name: 'spr-6.x',
    title: 'Sapphire Rapids-class, Linux 6.x',
    summary:
      'A modern host: TSC-deadline and ICR-write fastpaths, APICv, posted interrupts and IPI virtualization on, the VMX preemption timer, EEVDF, halt_poll_ns_shrink=2 (6.11+). Its costs are ranges from kernel commit messages, not measurements of one machine.',
    defaults: { apicv: 'on', posted_interrupts: 'on', ipiv: 'on', timer: 'tsc_deadline', halt_poll_ns_shrink: 2 },
    lacks: { pmu: ['amd-v1', 'amd-v2'] },
  },
  'icx-5.15': {
    name: 'icx-5.15',
    title: 'Ice Lake server, Linux 5.15',
    summary:
      'Ice Lake server: PDIR on fixed counter 0, guest PEBS (KVM 5.14+), the perf-event reuse of 5.5; no IPI virtualization, no mediated vPMU (6.20+). Other costs as spr-6.x\'s ranges; CFS.',
    defaults: { apicv: 'on', posted_interrupts: 'on', ipiv: 'off', timer: 'tsc_deadline', halt_poll_ns_shrink: 0 },
    lacks: { ipiv: ['on'], vpmu: ['mediated'], pmu: ['amd-v1', 'amd-v2'] },
  },
  'zen3-5.15': {
    name: 'zen3-5.15',
    title: 'AMD Zen 3, Linux 5.15',
    summary:
      'AMD Zen 3 with SVM: six core counters (PerfCtrExtCore), no PerfMon V2 and so no global control; no PEBS for guests. SVM exits are named as svm.h prints them (msr, nmi, interrupt, hlt). Exit costs from kvm-facts §10\'s AMD range.',
    defaults: { apicv: 'on', posted_interrupts: 'on', ipiv: 'off', timer: 'tsc_deadline', halt_poll_ns_shrink: 0 },
    lacks: { ipiv: ['on'], vpmu: ['mediated'], pmu: ['intel', 'intel-v1', 'amd-v2'] },
  },
  'zen4-6.x': {
    name: 'zen4-6.x',
    title: 'AMD Zen 4, Linux 6.x',
    summary:
      'AMD Zen 4: PerfMon V2 (CPUID 0x80000022, six core counters, PerfCntrGlobalCtl / Status / StatusClr), emulated for guests since 6.5; the mediated vPMU where the kernel has it. SVM exit names; EEVDF.',
    defaults: { apicv: 'on', posted_interrupts: 'on', ipiv: 'off', timer: 'tsc_deadline', halt_poll_ns_shrink: 2 },
    lacks: { ipiv: ['on'], pmu: ['intel', 'intel-v1'] },
  },
};

/** The options of `name` that the host chosen in `params` cannot have (its hardware lacks them). */
export function unavailableOptions(name: string, params: Params): readonly string[] {
  return HOST_PRESETS[String(params.host ?? PARAMS.host.default)]?.lacks?.[name] ?? [];
}

export interface ScenarioSpec {
  name: string;
  /** The core's scenario number. */
  id: number;
  title: string;
  summary: string;
  /** Parameters a user may set, in display order. */
  params: readonly string[];
  /** This scenario's defaults where they differ from the schema's. */
  defaults?: Params;
  /** Values the scenario implies for parameters it does not expose. */
  fixed?: Params;
  /** Like fixed, on one host only (what that host's hardware lacks). */
  fixedOnHost?: Record<string, Params>;
}

const HALT_POLL = ['halt_poll_ns', 'halt_poll_ns_grow', 'halt_poll_ns_grow_start', 'halt_poll_ns_shrink', 'halt_poll_policy'];
const GUEST_IDLE = ['idle', 'guest_halt_poll_ns', 'guest_halt_poll_grow', 'guest_halt_poll_grow_start', 'guest_halt_poll_shrink', 'guest_halt_poll_allow_shrink'];
const TIMERS = ['nohz', 'timer', 'guest_hz', 'host_hz'];
const APIC = ['hlt_exits', 'apicv', 'posted_interrupts', 'ipiv', 'pv_eoi'];
const HOST = ['vcpus', 'pcpus', 'pin', 'host_tasks', 'host_cstates'];
const PLE = ['ple_gap', 'ple_window', 'ple_window_grow', 'ple_window_shrink', 'ple_window_max'];
/** The PMU scenarios run one vCPU on its own pCPU unless noted. */
const ONE_VCPU = { vcpus: 1, pcpus: 1, pin: 'on', host_tasks: 0 };

export const SCENARIOS: readonly ScenarioSpec[] = [
  {
    name: 'ipi-hlt',
    id: 0,
    title: 'IPI → HLT wake-up latency',
    summary:
      'vCPU0 halts; after delay_ns vCPU1 writes the x2APIC ICR to send it an IPI. Measures the cycles from that write to the first instruction of the IPI handler (S1, KVM Forum 2015).',
    params: ['host', 'iterations', 'warmup', 'delay_ns', 'virt', ...HALT_POLL, 'host_cstates', 'ipiv'],
    // A kvm-unit-tests guest with no tick, one vCPU per pCPU.
    fixed: { vcpus: 2, pcpus: 2, pin: 'on', host_tasks: 0, duration_ns: 0 },
    // S1's Sandy Bridge has no APICv (so no posted interrupts).
    fixedOnHost: { 'snb-3.11': { apicv: 'off', posted_interrupts: 'off' } },
  },
  {
    name: 'tcp-rr',
    id: 1,
    title: 'Loopback TCP request/response',
    summary:
      'A client and a server task ping-pong one byte over loopback TCP. With vcpus=2 every message is an IPI to the other vCPU, which idles in between (S1: about 2 HLT and 10 MSR_WRITE exits per transaction).',
    params: ['host', 'duration_ns', ...HOST, 'stack_ns', 'virt', ...HALT_POLL, ...GUEST_IDLE, ...TIMERS, ...APIC],
    // S1's guest 3.16 programmed the LAPIC timer through TMICT (x2APIC MSR 0x838).
    defaults: { timer: 'tmict' },
  },
  {
    name: 'idle',
    id: 2,
    title: 'An idle guest',
    summary:
      'A guest with nothing to do but timer wake-ups now and then. S2 counted about 32 HLT and 90 MSR_WRITE exits per second for an idle Linux 4.4 guest.',
    params: ['host', 'duration_ns', ...HOST, 'wake_interval_ns', 'wake_pattern', 'work_ns', 'virt', ...HALT_POLL, ...GUEST_IDLE, ...TIMERS, ...APIC],
    defaults: { duration_ns: 10000000000, vcpus: 1, pcpus: 1 },
  },
  {
    name: 'cpu-bound',
    id: 3,
    title: 'A busy guest',
    summary:
      'Every vCPU runs a CPU-bound task; optional host tasks share its pCPUs. Shows the exits a busy guest still takes (its tick, the host tick) and how overcommit divides the CPU.',
    params: ['host', 'duration_ns', ...HOST, 'virt', ...TIMERS, ...APIC],
    defaults: { vcpus: 1, pcpus: 1 },
  },
  {
    name: 'spinlock',
    id: 4,
    title: 'Spinlock contention and PAUSE-loop exiting',
    summary:
      'vCPUs contend on one guest spinlock. Without overcommit spinning is short; with it a preempted holder leaves the others spinning, PLE turns the spin into PAUSE exits and KVM yields to the preempted vCPU.',
    params: ['host', 'duration_ns', ...HOST, 'hold_ns', 'think_ns', ...PLE, 'virt', ...TIMERS],
    // Two vCPUs per pCPU: lock holders and waiters get preempted, where PAUSE-loop exiting and directed yield matter.
    defaults: { duration_ns: 500000000, vcpus: 8, pcpus: 4 },
  },
  {
    name: 'perf-stat',
    id: 5,
    title: 'perf stat: counting, start skew and exits',
    summary:
      'perf stat in the guest programs N counters, enables them, runs a loop whose exact event counts are known, disables and reads them. Without a global control each enable and disable is one MSR write (one exit) per counter and the first counters also count perf\'s own code; with PERF_GLOBAL_CTRL or PerfCntrGlobalCtl it is one write.',
    params: ['host', 'counters', 'pmu', 'vpmu', 'pmu_filter', 'loop_iterations', 'virt'],
    fixed: { ...ONE_VCPU, duration_ns: 0 },
  },
  {
    name: 'perf-record',
    id: 6,
    title: 'perf record: sampling skid and PEBS',
    summary:
      'perf record samples the same loop every `period` events. Where the samples land beside the true distribution: interrupt skid piles them up after long-latency instructions; PEBS shadows; PDIR++ and PDist (spr-6.x, precise=3) land on the right instruction. In a VM the PMI goes host NMI → exit → injection at the next entry.',
    params: ['host', 'event', 'precise', 'period', 'samples', 'vpmu', 'host_perf', 'virt'],
    defaults: { host: 'spr-6.x' },
    fixed: { ...ONE_VCPU, duration_ns: 0 },
  },
  {
    name: 'vpmu-switch',
    id: 7,
    title: 'vPMU designs under guest context switches',
    summary:
      'A guest profiles one of two CPU-bound tasks with perf record -F while its scheduler switches between them; the same work runs with KVM\'s legacy, reuse and mediated vPMU, each with basic sampling (6 events) and multiplexing (10). Reprogram calls, host perf event creations, PMI handler latency and overhead per design (kvm-facts §7.2, §7.4).',
    params: ['host', 'phase_work_ns', 'sample_hz', 'switch_ns', 'host_tasks', 'nmi_watchdog'],
    defaults: { host: 'spr-6.x', host_tasks: 1 },
    // Each phase runs until its work is done; the run ends after the last.
    fixed: { vcpus: 1, pcpus: 1, pin: 'on', duration_ns: 0 },
  },
  {
    name: 'nic',
    id: 8,
    title: 'A web server behind e1000, virtio-net or vhost-net',
    summary:
      'nginx in a 2-vCPU guest answers small HTTP/1.0 requests from an external load generator. Which guest actions trap, how often and what each costs: e1000\'s register accesses (EPT_MISCONFIG), virtio\'s kicks, vhost\'s kernel thread (S2 §4).',
    params: ['host', 'nic', 'clients', 'irq_affinity', 'duration_ns', 'vcpus', 'pcpus', 'host_cstates', ...HALT_POLL, 'idle', ...TIMERS, ...APIC],
    // S2: Linux 4.4 host and guest on the snb-3.11-era host (no APICv: EOI and ICR writes exit).
    defaults: { duration_ns: 200000000, apicv: 'off', posted_interrupts: 'off' },
    fixed: { virt: 'on', host_tasks: 0, pin: 'on' },
  },
  {
    name: 'disk',
    id: 9,
    title: 'Direct I/O through IDE or virtio-blk',
    summary:
      'iozone in the guest reads with O_DIRECT, one record at a time. IDE\'s port I/O makes every register access and every sector an exit (IO_INSTRUCTION); virtio-blk needs one kick per request (S2 §4).',
    params: ['host', 'disk', 'disk_device', 'access', 'record_kb', 'irq_affinity', 'duration_ns', 'vcpus', 'pcpus', 'host_cstates', ...HALT_POLL, 'idle', ...TIMERS, ...APIC],
    defaults: { duration_ns: 200000000, apicv: 'off', posted_interrupts: 'off' },
    fixed: { virt: 'on', host_tasks: 0, pin: 'on' },
  },
];

export function findScenario(name: string): ScenarioSpec | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

/**
 * The default of a parameter in a scenario on a host: the host preset's,
 * else the scenario's own, else the schema's.
 */
export function scenarioDefault(scenario: ScenarioSpec, name: string, host?: string): ParamValue {
  const h = host ?? (scenario.defaults?.host as string | undefined) ?? (PARAMS.host.default as string);
  if (name === 'host') return h;
  return HOST_PRESETS[h]?.defaults[name] ?? scenario.defaults?.[name] ?? PARAMS[name].default;
}

export function defaultParams(scenario: ScenarioSpec, host?: string): Params {
  const out: Params = {};
  for (const name of scenario.params) out[name] = scenarioDefault(scenario, name, host);
  return out;
}

/** Every slot's value for a run: the given parameters, then fixed values, then defaults. */
export function slotValues(scenario: ScenarioSpec, params: Params): Params {
  const host = String(params.host ?? scenarioDefault(scenario, 'host'));
  const fixedHere = scenario.fixedOnHost?.[host];
  const out: Params = {};
  for (const name of Object.keys(PARAMS)) {
    out[name] = params[name] ?? fixedHere?.[name] ?? scenario.fixed?.[name] ?? scenarioDefault(scenario, name, host);
  }
  return out;
}

/** "0 – 10000000 ns" or "on | off": the accepted range, as error messages and help show it. */
export function describeRange(spec: ParamSpec): string {
  if (spec.kind === 'enum') return spec.options.join(' | ');
  return `${spec.min} – ${spec.max}${spec.unit && spec.unit.length <= 2 ? ' ' + spec.unit : ''}`;
}
