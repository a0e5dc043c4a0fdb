/**
 * What must be undone however the benchmark ends (shops, child processes, folders): registered as it is
 * made, run in reverse on a normal end, a failure, Ctrl-C or SIGTERM.
 */
const tasks: (() => Promise<void>)[] = [];
let running: Promise<void> | undefined;

export function atExit(task: () => Promise<void>): void {
  tasks.push(task);
}

export function runExitTasks(): Promise<void> {
  running ??= (async () => {
    while (tasks.length > 0)
      await tasks
        .pop()?.()
        .catch(() => {});
  })();
  return running;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping what the benchmark started…\n`);
    void runExitTasks().finally(() => process.exit(130));
  });
}
