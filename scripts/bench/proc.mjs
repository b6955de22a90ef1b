// Process plumbing shared by the runner and its children: spawning pinned node processes,
// request/response over the IPC channel with time limits, and the child side of it.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { clearTimeout } from 'node:timers';

let tasksetPath;
/** Path of `taskset` when it is on PATH (and works), else null. */
export function taskset() {
  if (tasksetPath === undefined) {
    try {
      execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore', timeout: 5_000 });
      tasksetPath = 'taskset';
    } catch {
      tasksetPath = null;
    }
  }
  return tasksetPath;
}

const live = new Set();
// Whatever happens to the runner, no child outlives it.
process.on('exit', () => {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Starts `node [nodeArgs] script [args]` with an IPC channel, pinned to `cpu` with taskset when
 * available. Returns a handle with `request(cmd, args, timeoutMs)` and `stop()`.
 */
export function startChild(script, { args = [], nodeArgs = [], cpu, env, name = script } = {}) {
  const nodeArgv = [...nodeArgs, script, ...args];
  const pin = cpu !== undefined && taskset();
  const child = pin
    ? spawn(pin, ['-c', String(cpu), process.execPath, ...nodeArgv], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: env ?? process.env })
    : spawn(process.execPath, nodeArgv, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: env ?? process.env });
  live.add(child);
  let nextId = 1;
  const pending = new Map();
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      for (const { reject, timer } of pending.values()) {
        clearTimeout(timer);
        reject(new Error(`${name} exited (code ${code}, signal ${signal}) during a request`));
      }
      pending.clear();
      resolve({ code, signal });
    });
  });
  child.on('error', () => {});
  child.on('message', (message) => {
    const waiter = pending.get(message?.id);
    if (!waiter) return;
    pending.delete(message.id);
    clearTimeout(waiter.timer);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${name}: ${message.error}`));
  });
  const request = (cmd, payload = {}, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null || !child.connected) {
        reject(new Error(`${name} is not running`));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: "${cmd}" took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      child.send({ id, cmd, payload });
    });
  /** Asks the child to exit; kills it if it has not within `graceMs`. */
  const stop = async (graceMs = 3_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      request('exit', {}, graceMs).catch(() => {});
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };
  return { child, pid: child.pid, request, stop, exited };
}

/**
 * The child side: answers the runner's requests with `handlers[cmd](payload)`. `exit` is
 * built in (it answers, then exits with 0 — which is when --cpu-prof writes its profile). The
 * child also exits when the runner goes away, and in any case after `lifetimeMs`.
 */
export function serveRequests(handlers, { lifetimeMs = 120_000 } = {}) {
  setTimeout(() => {
    console.error(`[bench] ${process.argv[1]} exceeded its ${lifetimeMs} ms lifetime; exiting`);
    process.exit(70);
  }, lifetimeMs).unref();
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message) => {
    const { id, cmd, payload } = message ?? {};
    if (cmd === 'exit') {
      try {
        await handlers.beforeExit?.();
      } catch {
        // exiting anyway
      }
      process.send?.({ id, ok: true, result: null }, () => process.exit(0));
      return;
    }
    const handler = handlers[cmd];
    try {
      if (!handler) throw new Error(`unknown command ${cmd}`);
      const result = await handler(payload ?? {});
      process.send?.({ id, ok: true, result: result ?? null });
    } catch (error) {
      process.send?.({ id, ok: false, error: error instanceof Error ? `${error.message}` : String(error) });
    }
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds since an arbitrary origin, with sub-ms resolution. */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** CPU time (user + system) of this process in ms. */
export const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * CPU time in ms that the whole machine spent busy (all cores; /proc/stat, Linux only), or NaN.
 * Compared with the benchmark's own processes it tells whether something else was running.
 */
export function machineBusyMs() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    // irq/softirq are left out: loopback networking of the benchmark itself is accounted there.
    const [user, nice, system, , , , , steal] = fields;
    return (user + nice + system + steal) * (1000 / CLOCK_TICKS);
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100; // USER_HZ, 100 on every Linux this runs on
