// kvmplay shell: the playground's terminal without a browser. Each -c line
// (or each line of standard input) runs as the terminal would run it; a live
// view (kvm_stat, perf kvm stat live, mpstat 1) shows --frames frames and is
// then stopped as Ctrl-C would stop it. name=value sets the machine the
// session starts on: host, pcpus, vcpus, kvm's halt-polling parameters, or
// any other model parameter the runs then take.
import { PARAMS, type ParamValue } from '../web/sim/schema';
import { ParamError, checkSeed, parseAssignment } from '../web/sim/validate';
import { DEFAULT_SEED } from '../web/sim/core';
import { nodeShell } from '../web/terminal/node';
import { KVM_PARAMS } from '../web/terminal/state';
import type { Locale } from '../web/lib/lesson-types';
import type { Output } from '../web/terminal/shell';

interface Out {
  out(s: string): void;
  err(s: string): void;
}

export const SHELL_USAGE = '  kvmplay shell [-c "<command line>"]... [name=value ...] [--seed N] [--frames N] [--lang en|zh-CN]';

const FRAMES_MAX = 100;

function intParam(name: string, raw: string): number {
  const p = PARAMS[name];
  if (p.kind !== 'int') throw new ParamError({ code: 'not_option', param: name, value: raw, options: [] });
  const v = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(v)) throw new ParamError({ code: 'not_integer', param: name, value: raw, min: p.min, max: p.max, unit: p.unit });
  if (v < p.min || v > p.max) throw new ParamError({ code: 'out_of_range', param: name, value: raw, min: p.min, max: p.max, unit: p.unit });
  return v;
}

function checked(name: string, raw: string): ParamValue {
  const p = PARAMS[name];
  if (p.kind === 'enum') {
    if (!p.options.includes(raw)) throw new ParamError({ code: 'not_option', param: name, value: raw, options: p.options });
    return raw;
  }
  return intParam(name, raw);
}

export async function shell(args: string[], io: Out, readStdin: () => Promise<string | null>): Promise<number> {
  const lines: string[] = [];
  const given: Record<string, ParamValue> = Object.create(null);
  let seed = DEFAULT_SEED;
  let frames = 1;
  let locale: Locale = 'en';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (min: number, max: number) => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new ParamError({ code: 'option_needs_value', param: flag, min, max });
      return v;
    };
    if (flag === '-c') {
      const v = args[++i];
      if (v === undefined) throw new ParamError({ code: 'option_needs_value', param: '-c', min: 0, max: 0 });
      lines.push(v);
    } else if (flag === '--seed') seed = checkSeed(value(0, 0xffffffff));
    else if (flag === '--frames') {
      const v = value(1, FRAMES_MAX);
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!(n >= 1 && n <= FRAMES_MAX)) throw new ParamError({ code: 'option_needs_value', param: '--frames', min: 1, max: FRAMES_MAX });
      frames = n;
    } else if (flag === '--lang') {
      const v = value(0, 0);
      if (v !== 'en' && v !== 'zh-CN') throw new ParamError({ code: 'not_option', param: '--lang', value: v, options: ['en', 'zh-CN'] });
      locale = v;
    } else if (a.startsWith('-')) {
      throw new ParamError({ code: 'unknown_option', value: flag, known: ['-c', '--seed N', '--frames N', '--lang'] });
    } else {
      const [k, v] = parseAssignment(a);
      if (!Object.hasOwn(PARAMS, k)) throw new ParamError({ code: 'unknown_param', param: k, scenario: 'shell', known: Object.keys(PARAMS) });
      if (Object.hasOwn(given, k)) throw new ParamError({ code: 'duplicate', param: k });
      given[k] = checked(k, v);
    }
  }
  if (lines.length === 0) {
    const text = await readStdin();
    if (text === null) {
      io.err('kvmplay: shell needs -c "<command line>" or commands on standard input');
      return 2;
    }
    lines.push(...text.split('\n').filter((l, i, all) => !(i === all.length - 1 && l === '')));
  }
  const { host, pcpus, vcpus, ...rest } = given;
  const extra: Record<string, ParamValue> = {};
  const kvm: Record<string, number> = {};
  for (const [k, v] of Object.entries(rest)) {
    if ((KVM_PARAMS as readonly string[]).includes(k)) kvm[k] = v as number;
    else extra[k] = v;
  }
  const sh = nodeShell({ host: host as string | undefined, pcpus: pcpus as number | undefined, vcpus: vcpus as number | undefined, seed, extra, locale });
  Object.assign(sh.state.kvm, kvm);
  let buf = '';
  const out: Output = { write: (s) => (buf += s) };
  const flush = () => {
    if (buf.endsWith('\n')) buf = buf.slice(0, -1);
    if (buf !== '') io.out(buf);
    buf = '';
  };
  let status = 0;
  for (const line of lines) {
    const r = await sh.exec(line, out);
    status = r.status;
    if (r.live) {
      const n = r.live.frames ?? frames;
      for (let k = 0; k < n; k++) {
        const f = await r.live.next();
        if (f !== '') out.write(f + '\n');
      }
      const interrupted = r.live.frames === undefined;
      if (interrupted) out.write('^C\n');
      const end = await r.live.finish(interrupted);
      if (end) out.write(end + '\n');
      sh.reapJobs(out);
    }
    flush();
  }
  return status;
}
