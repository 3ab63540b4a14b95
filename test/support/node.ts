import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface NodeProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/**
 * Starts a built app (dist; `npm test` builds first) as its own process and waits for its ready
 * line: the api ("Plein is ready", then `url` is set) or the worker ("worker ready").
 */
export function startNode(kind: 'api' | 'worker', env: Record<string, string>, ms = 45_000): Promise<NodeProcess> {
  const entry = kind === 'api' ? 'dist/apps/api/apps/api/src/main.js' : 'dist/apps/worker/apps/worker/src/main.js';
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (npm test does it first)`);
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PLEIN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), `plein-${kind}-`)), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start in ${ms / 1000} s:\n${out}`)), ms);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const ready = kind === 'api' ? /"msg":"Plein is ready","url":"([^"]+)"/.exec(out) : /"msg":"worker ready"/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: ready[1] ?? '', output: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited with ${code}:\n${out}`));
    });
  });
}

/** SIGTERM, then the exit code (SIGKILL after `ms`, which then resolves null). */
export async function stopNode(node: NodeProcess | undefined, ms = 25_000): Promise<number | null> {
  if (!node || node.child.exitCode !== null) return node?.child.exitCode ?? null;
  node.child.kill('SIGTERM');
  const timer = setTimeout(() => node.child.kill('SIGKILL'), ms);
  try {
    return await node.exited;
  } finally {
    clearTimeout(timer);
  }
}
