import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface NodeProcess {
  child: ChildProcess;
  /** The `url` field of the ready log line (base URL of what it serves), if any. */
  url: string | undefined;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

export interface NodeProcessOptions {
  /** TypeScript entry, relative to the repository root. */
  script: string;
  env: Record<string, string>;
  /** `msg` of the JSON log line that says the process is ready. */
  readyMessage: string;
  nodeArgs?: string[];
  timeoutMs?: number;
}

/** Runs a TypeScript entry point in its own Node process and waits for its ready log line. */
export async function startNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.script], {
    cwd: ROOT,
    // A developer's own .env in the checkout must not leak into the processes a test starts.
    env: { PATH: process.env.PATH ?? '', ENV_FILE: '/dev/null', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ready = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string | undefined>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.script} did not start:\n${output}`)), options.timeoutMs ?? 20_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      // Once ready, stop scanning: re-reading the whole output per chunk slows the reader of a chatty
      // process (the bench's service logs a line per message) until its writes block on a full pipe.
      if (ready) return;
      for (const line of output.split('\n')) {
        if (!line.includes(options.readyMessage)) continue;
        ready = true;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url?: string }).url);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.script} exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Starts `src/main.ts` (the service, in the role `env.ROLE` names). */
export function startServiceProcess(
  env: Record<string, string>,
  options: { nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<NodeProcess> {
  return startNodeProcess({
    script: 'src/main.ts',
    env: { ...env, LOG_LEVEL: 'info' },
    readyMessage: 'switchboard started',
    ...options,
  });
}

export type ServiceProcess = NodeProcess;
