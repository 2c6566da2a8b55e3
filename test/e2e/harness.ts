/**
 * The small pieces the end-to-end run shares: a clock for the log, child processes that are
 * awaited on their own events, and the tally of tests.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

const started = Date.now();
export function log(message: string): void {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}

export interface Outcome {
  name: string;
  passed: boolean;
  seconds: number;
  error?: string;
  artefacts: string[];
}

export const outcomes: Outcome[] = [];

export function record(outcome: Outcome): void {
  outcomes.push(outcome);
  const mark = outcome.passed ? 'PASS' : 'FAIL';
  log(`${mark} ${outcome.name} (${outcome.seconds.toFixed(1)}s)`);
  if (!outcome.passed) {
    console.log(`       ${(outcome.error ?? '').split('\n').join('\n       ')}`);
    for (const a of outcome.artefacts) console.log(`       see ${a}`);
  }
}

/** Marks tests that could not run (a step before them failed) as failed. */
export function recordNotRun(names: string[], reason: string, artefacts: string[]): void {
  for (const name of names) record({ name, passed: false, seconds: 0, error: `not run: ${reason}`, artefacts });
}

/** Runs `body` with a time limit; the limit only bounds a test that hangs, nothing waits for it. */
export async function withTimeout<T>(what: string, ms: number, body: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms / 1000}s`)), ms);
  });
  try {
    return await Promise.race([body(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, echoing its output with a prefix when `echo` is set. */
export function run(command: string, args: string[], options: SpawnOptions & { echo?: string } = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const echo = (chunk: Buffer) => {
      if (options.echo) for (const l of chunk.toString().split('\n')) if (l.trim()) console.log(`  ${options.echo}| ${l}`);
    };
    child.stdout!.on('data', (c: Buffer) => ((stdout += c), echo(c)));
    child.stderr!.on('data', (c: Buffer) => ((stderr += c), echo(c)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves when `child` prints a line matching `pattern`; rejects when it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, ms: number): Promise<string> {
  return withTimeout(
    `waiting for ${pattern}`,
    ms,
    () =>
      new Promise<string>((resolve, reject) => {
        let seen = '';
        const onData = (chunk: Buffer) => {
          seen += chunk.toString();
          const match = pattern.exec(seen);
          if (match) {
            child.stdout?.off('data', onData);
            child.stderr?.off('data', onData);
            resolve(match[0]);
          }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}:\n${seen.slice(-2000)}`)));
      }),
  );
}

/** A TCP port on the loopback that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
