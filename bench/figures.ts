/**
 * Small helpers that turn measurements into the printed figures.
 */
import { loadavg } from "node:os";
import type { Counters } from "../emulator";

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round(numerator / denominator, 2) : null;
}

/** Calls per command, leaving out commands that were not called. */
export function callsByCommand(counters: Counters): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counters.commands)
      .filter(([, c]) => c.calls > 0)
      .map(([command, c]) => [command, c.calls]),
  );
}

/** Summed outcomes of every command. */
export function outcomes(counters: Counters): {
  calls: number;
  throttled: number;
  faulted: number;
  dropped: number;
  failed: number;
} {
  const { calls, throttled, faulted, dropped, failed } = counters.total;
  return { calls, throttled, faulted, dropped, failed };
}

export function load1(): number {
  return round(loadavg()[0], 2);
}

/** The first `error:` line of a pulumi transcript, shortened; for failed runs. */
export function firstError(output: string): string | undefined {
  const line = output.split("\n").find((l) => /\berror:/.test(l));
  return line?.trim().slice(0, 300);
}

/** Prints one figure as one JSON line on stdout. */
export function emit(figure: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** Progress for the human watching; stderr, so stdout stays JSON lines. */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
