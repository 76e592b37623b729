/** CPU time and RSS of another process (all its threads together), and the machine's busy time, from Linux's `/proc`. */
import { readFileSync } from "node:fs";

/** Linux reports CPU times in USER_HZ, 100 per second on every architecture Bun runs on. */
const USER_HZ = 100;

/** `/proc/<pid>/<file>`, or an error that says the process is gone. */
function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "latin1");
  } catch {
    throw new Error(`process ${pid} is gone: it exited during the measurement (its stderr, if any, is above)`);
  }
}

/**
 * User + system CPU seconds `pid` has used so far (its threads included).
 * @example const before = cpuSeconds(pid); …; const share = (cpuSeconds(pid) - before) / wallSeconds;
 */
export function cpuSeconds(pid: number): number {
  const stat = readProc(pid, "stat");
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
  // utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

/**
 * CPU seconds the machine's cores have spent busy so far, less this process's own: every other
 * process (the bench's children included) and the kernel. Less the children's, it is what others
 * took from the same cores: noise in the figures when it is high.
 * @example const before = busyElsewhereSeconds(); …; const others = busyElsewhereSeconds() - before - serverCpu;
 */
export function busyElsewhereSeconds(): number {
  const line = readFileSync("/proc/stat", "latin1").split("\n", 1)[0] ?? "";
  // cpu user nice system idle iowait irq softirq steal (guest time is already in user).
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.split(/\s+/).slice(1).map(Number);
  const self = process.cpuUsage();
  return (user + nice + system + irq + softirq + steal) / USER_HZ - (self.user + self.system) / 1e6;
}

/** Resident set size of `pid` now, in bytes. */
export function rssBytes(pid: number): number {
  const status = readProc(pid, "status");
  const kb = status.match(/^VmRSS:\s+(\d+) kB/m)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/**
 * The highest RSS `pid` has had since it started (the kernel's `VmHWM`), in bytes: no sampling can miss it.
 * @example const before = peakRssBytes(pid); …; const grew = peakRssBytes(pid) > before;
 */
export function peakRssBytes(pid: number): number {
  const kb = readProc(pid, "status").match(/^VmHWM:\s+(\d+) kB/m)?.[1];
  if (kb === undefined) throw new Error(`no VmHWM for process ${pid}`);
  return Number(kb) * 1024;
}

/**
 * The highest RSS of `pid` seen by sampling every `everyMs` until `stop()`, which returns it.
 * @example const peak = watchPeakRss(pid, 100); …; const peakBytes = peak.stop();
 */
export function watchPeakRss(pid: number, everyMs: number): { stop(): number } {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      clearInterval(timer); // gone: `stop()` says so
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssBytes(pid));
    },
  };
}
