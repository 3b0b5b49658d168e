// main() reads the working folder and the environment of the process it runs in: every in-process run of a CLI (the
// checkout's, test/helpers/cli.ts, or a packed package's, test/helpers/unpacked.ts) takes its turn here, one at a
// time per worker, so describe.concurrent blocks and files that use both stay correct.
let turn: Promise<unknown> = Promise.resolve();

/**
 * Runs `body` in `cwd` with `env` applied (a value set, undefined removed; with `exactly`, every variable `env` does
 * not name removed as well), then puts the working folder and the environment back.
 */
export function inProcess<T>(
  cwd: string,
  env: NodeJS.ProcessEnv,
  exactly: boolean,
  body: () => Promise<T>,
): Promise<T> {
  const run = turn.then(async () => {
    const previous = { cwd: process.cwd(), env: { ...process.env } };
    process.chdir(cwd);
    if (exactly) for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
    for (const [name, value] of Object.entries(env))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    try {
      return await body();
    } finally {
      process.chdir(previous.cwd);
      for (const name of Object.keys(process.env)) if (!(name in previous.env)) delete process.env[name];
      Object.assign(process.env, previous.env);
    }
  });
  turn = run.catch(() => undefined);
  return run;
}
