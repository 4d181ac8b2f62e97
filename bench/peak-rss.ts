// The peak resident set of this process, for the bench children to report. Not
// process.resourceUsage().maxRSS: on Linux that survives fork and exec, so a child started by a
// bench process of 300 MB reports 300 MB however little it used itself (every child RSS figure
// was once the bench's own size whenever the bench was the larger). VmHWM belongs to the
// process's own address space, which exec makes new.
import { readFileSync } from 'node:fs';

export function peakRssKb(): number {
  try {
    const match = /^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // no /proc (macOS): the rusage figure, inherited or not, is all there is
  }
  return process.resourceUsage().maxRSS;
}
