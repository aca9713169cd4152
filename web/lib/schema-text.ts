// The schema's words in the reader's language: scenario titles and summaries
// and parameter descriptions. English is the schema's own text
// (web/sim/schema.ts); other locales translate it here and fall back to
// English for anything not (yet) translated. Identifiers stay as they are.
import { HOST_PRESETS, type ParamSpec, type ScenarioSpec } from '../sim/schema';
import type { Locale } from './lesson-types';

const ZH_SCENARIOS: Record<string, { title: string; summary: string }> = {
  'ipi-hlt': {
    title: 'IPI → HLT 唤醒延迟',
    summary:
      'vCPU0 执行 HLT 停下；delay_ns 之后 vCPU1 写 x2APIC ICR 向它发送 IPI。测量从这次写入到 IPI 处理函数第一条指令的周期数（S1，KVM Forum 2015）。',
  },
  'tcp-rr': {
    title: '回环 TCP 请求/响应',
    summary:
      '客户端任务和服务端任务通过回环 TCP 来回传递 1 个字节。vcpus=2 时每条消息都是发给另一个 vCPU 的 IPI，对方在两条消息之间处于空闲（S1：每个事务约 2 次 HLT 退出和 10 次 MSR_WRITE 退出）。',
  },
  idle: {
    title: '空闲的客户机',
    summary:
      '客户机除了偶尔的定时器唤醒之外无事可做。S2 统计到一个空闲的 Linux 4.4 客户机每秒约有 32 次 HLT 退出和 90 次 MSR_WRITE 退出。',
  },
  'cpu-bound': {
    title: '忙碌的客户机',
    summary:
      '每个 vCPU 都运行一个 CPU 密集型任务；可选的主机任务与它共享物理 CPU。展示忙碌的客户机仍然会有的退出（客户机自己的时钟滴答、主机的时钟滴答），以及超分配时 CPU 时间如何被分摊。',
  },
  nic: {
    title: '使用 e1000、virtio-net 或 vhost-net 的 Web 服务器',
    summary:
      '2 个 vCPU 的客户机中的 nginx 回答外部压测工具发来的小型 HTTP/1.0 请求。哪些客户机操作会陷入、多频繁、每次代价多少：e1000 的寄存器访问（EPT_MISCONFIG）、virtio 的通知（kick）、vhost 的内核线程（S2 §4）。',
  },
  disk: {
    title: '通过 IDE 或 virtio-blk 的直接 I/O',
    summary:
      '客户机中的 iozone 以 O_DIRECT 一次读取一条记录。IDE 的端口 I/O 让每次寄存器访问和每个扇区都成为一次退出（IO_INSTRUCTION）；virtio-blk 每个请求只需一次通知（S2 §4）。',
  },
  spinlock: {
    title: '自旋锁争用与 PAUSE 循环退出',
    summary:
      '多个 vCPU 争用同一个客户机自旋锁。没有超分配时自旋很短；有超分配时，被抢占的持锁者让其他 vCPU 一直自旋，PLE 把自旋变成 PAUSE 退出，KVM 把 CPU 让给被抢占的 vCPU。',
  },
};

const ZH_PARAMS: Record<string, string> = {
  host:
    '主机硬件与内核：snb-3.11 即 S1 使用的主机（2.6 GHz 的 Sandy/Ivy Bridge，Linux 3.11）；spr-6.x 是 Sapphire Rapids 级别、运行 6.x 内核的主机（快速路径、APICv、posted interrupts、IPI 虚拟化、VMX 抢占定时器、EEVDF）。',
  host_cstates:
    'on：空闲的物理 CPU 可以进入比 C1 更深的 C 状态，由 menu 调控器根据它最近的空闲时长选择；唤醒它时要付出该状态的退出延迟（intel_idle 的表）。off：只用 C1。',
  iterations: '预热之后测量的唤醒次数（发出 IPI、到达处理函数）。',
  warmup: '先运行、不计入统计的唤醒次数，期间轮询窗口自适应调整。',
  delay_ns: 'vCPU1 发送 IPI 之前 vCPU0 保持停下的时间（S1 约为 100 µs）。',
  virt: 'on：基准程序运行在 KVM 客户机中；off：同一基准程序运行在裸机上。',
  halt_poll_ns: '每个 vCPU 的 halt 轮询窗口上限；0 表示 HLT 时总是调度出去。',
  halt_poll_ns_grow: '错过一次 halt 后窗口的增长倍数；0 表示冻结窗口。',
  halt_poll_ns_grow_start: '第一个非零窗口；收缩到它以下时窗口重置为 0。',
  halt_poll_ns_shrink: 'halt 时间超过 halt_poll_ns 后窗口除以的因子；0 表示把窗口重置为 0（Linux 6.11 之前的默认行为）。',
  halt_poll_policy:
    'adaptive：每个 vCPU 自适应增长和收缩的窗口（Linux 4.3+）；fixed：每次 halt 都轮询完整的 halt_poll_ns，即 Linux 4.0 最初合入的行为。',
  duration_ns: '要模拟的时间长度。',
  vcpus: '客户机的 vCPU 数量。',
  pcpus: '运行 vCPU 线程的主机物理 CPU 数量。',
  pin: 'on：vCPU 线程 i 绑定到物理 CPU i mod pcpus；off：被唤醒的线程去往空闲的物理 CPU（如果有）。',
  host_tasks: '其他 CPU 密集型主机任务，任务 j 运行在物理 CPU j mod pcpus 上，即超分配。virt=off 时忽略。',
  idle:
    '客户机空闲循环：HLT；idle=poll（自旋，从不 HLT）；或 cpuidle-haltpoll 驱动（先在客户机内轮询再 HLT，并通过 MSR_KVM_POLL_CONTROL 关闭主机侧轮询）。',
  guest_halt_poll_ns: 'idle=haltpoll：客户机轮询窗口的上限。',
  guest_halt_poll_grow: 'idle=haltpoll：客户机轮询窗口的增长倍数。',
  guest_halt_poll_grow_start: 'idle=haltpoll：客户机第一个非零轮询窗口。',
  guest_halt_poll_shrink: 'idle=haltpoll：HLT 时间超过 guest_halt_poll_ns 后除以的因子；0 表示重置为 0。',
  guest_halt_poll_allow_shrink: 'idle=haltpoll：客户机轮询窗口是否允许收缩。',
  nohz: '客户机 NOHZ 空闲：进入空闲时停掉时钟滴答，离开空闲时重新启动（每次写两次定时器）。',
  timer: '客户机的时钟事件设备：TSC-deadline MSR 0x6E0（快速路径，VMX 抢占定时器），或 LAPIC 初始计数寄存器，即 x2APIC MSR 0x838。',
  guest_hz: 'vCPU 忙碌时客户机的时钟滴答频率（CONFIG_HZ）。',
  host_hz: '忙碌的物理 CPU 上主机的时钟滴答频率（CONFIG_HZ）；每个落在客户机模式中的滴答都是一次退出。',
  hlt_exits: 'off：KVM_X86_DISABLE_EXITS_HLT —— 客户机自己让物理 CPU 停下；没有 HLT 退出，主机看到 vCPU 线程一直忙碌。',
  apicv: 'APIC 虚拟化：写 EOI 无需退出；关闭它也会关闭 posted interrupts 和 IPI 虚拟化。',
  posted_interrupts: '发给正在运行的 vCPU 的中断以 posted 方式投递，不产生退出（需要 apicv=on）。',
  ipiv: 'IPI 虚拟化（Sapphire Rapids 及以后）：写 ICR 不退出（需要 apicv 和 posted interrupts）。',
  pv_eoi: '半虚拟化 EOI：没有 APICv 时客户机省掉大部分 EOI 写入。',
  ple_gap: '两次 PAUSE 之间仍算作同一个自旋循环的最大间隔；0 表示关闭 PAUSE 循环退出（PLE）。',
  ple_window: 'PAUSE 循环在退出之前可以自旋的周期数（每个 vCPU 的窗口从这里开始）。',
  ple_window_grow: '每次退出后窗口的增长：低于 ple_window 时是倍数，否则是增量；0 表示重置。',
  ple_window_shrink: '调度回来时窗口的收缩：低于 ple_window 时是除数，否则是减量；0 表示重置为 ple_window。',
  ple_window_max: '每个 vCPU 窗口的上限（默认为 UINT_MAX）。',
  stack_ns: '每条消息在客户机网络协议栈中的工作量（发送路径加接收路径），两端各占一半。这是模型的假设，不是测量值。',
  wake_interval_ns: '空闲客户机两次定时器唤醒之间的平均时间（默认每秒 32 次，即 S2 中空闲 Linux 4.4 客户机的 HLT 频率）。',
  wake_pattern: 'periodic：严格每隔 wake_interval_ns 一次；poisson：随机，平均间隔相同。',
  work_ns: '每次空闲唤醒时客户机要做的工作。',
  hold_ns: '每次获得锁后持有锁的时间。',
  think_ns: '两次获取锁之间的平均工作时间（指数分布）。',
  nic: '客户机的网卡：e1000（由 QEMU 完全模拟，每次寄存器访问都是一次退出）、virtio（virtio-net，由 QEMU 主循环处理 vring，每批一次通知）或 vhost（同样的 vring 由 vhost-net 内核线程处理，完成通过 irqfd 通知）。',
  disk: '客户机的磁盘：ide（QEMU 的 IDE，PIO 模式：任务文件、状态和数据端口的访问都是端口 I/O 退出）或 virtio-blk（请求环，每批一次通知）。',
  disk_device:
    '其后的物理磁盘：ssd（SATA，每次访问约 80 µs，500 MB/s）或 hdd（7200 转：150 MB/s，随机访问要付出 8.5 ms 寻道和半圈旋转）。取自典型规格的模型假设。',
  irq_affinity:
    '物理设备中断落在哪里：other（引到不运行 vCPU 的主机 CPU 上，与 S2 相同）或 same（vCPU 0 所在的物理 CPU：在客户机模式下到达的每个中断都是一次 EXTERNAL_INTERRUPT 退出）。',
  clients:
    '负载大小：压测工具的并发客户端数，每个客户端连续发出 HTTP/1.0 请求（webbench -c）。S2 没有给出客户端数；默认值 2 是模型对其负载的替代，三种网卡使用同一个值。',
  access: 'iozone 的访问模式：顺序记录，或随机偏移（旋转磁盘随后要寻道）。',
  record_kb: '每次直接 I/O 读取的字节数（iozone -r）；S2 使用 8 KB。更大的记录显示每种磁盘模型的流式传输速率。',
};

export function scenarioTitle(locale: Locale, spec: ScenarioSpec): string {
  return (locale === 'zh-CN' && ZH_SCENARIOS[spec.name]?.title) || spec.title;
}

export function scenarioSummary(locale: Locale, spec: ScenarioSpec): string {
  return (locale === 'zh-CN' && ZH_SCENARIOS[spec.name]?.summary) || spec.summary;
}

export function paramDescription(locale: Locale, spec: ParamSpec): string {
  return (locale === 'zh-CN' && ZH_PARAMS[spec.name]) || spec.description;
}

const ZH_HOSTS: Record<string, { title: string; summary: string }> = {
  'snb-3.11': {
    title: 'Sandy/Ivy Bridge，2.6 GHz，Linux 3.11',
    summary:
      'S1 使用的主机。IPI → HLT 路径按 S1 测得的各段开销校准；其余一切都由机制推导而来。没有 IPI 虚拟化，没有抢占定时器后端，没有关中断快速路径；调度器为 CFS。',
  },
  'spr-6.x': {
    title: 'Sapphire Rapids 级别，Linux 6.x',
    summary:
      '一台现代主机：TSC-deadline 与 ICR 写入的快速路径，开启 APICv、posted interrupts 和 IPI 虚拟化，VMX 抢占定时器，EEVDF 调度器，halt_poll_ns_shrink=2（6.11+）。其开销是取自内核提交说明的范围，而不是对某一台机器的测量。',
  },
};

/** What machine and kernel a host preset is (Sandy/Ivy Bridge, 2.6 GHz, Linux 3.11). */
export function hostTitle(locale: Locale, preset: string): string {
  return (locale === 'zh-CN' && ZH_HOSTS[preset]?.title) || HOST_PRESETS[preset]?.title || '';
}

/** What a host preset changes, in the reader's language (the schema's summary). */
export function hostSummary(locale: Locale, preset: string): string {
  return (locale === 'zh-CN' && ZH_HOSTS[preset]?.summary) || HOST_PRESETS[preset]?.summary || '';
}

/** The defaults a host preset gives other parameters, as name=value. */
export function hostDefaults(preset: string): string[] {
  return Object.entries(HOST_PRESETS[preset]?.defaults ?? {}).map(([k, v]) => `${k}=${v}`);
}
