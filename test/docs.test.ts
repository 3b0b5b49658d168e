// Every shell and TypeScript example of README.md and docs/*.md runs here, so none can drift (docs/contributing-docs.md
// says how to write one). Each file gets one fresh git project, shared by its blocks in order (a first block that
// repeats an earlier file's first block continues from a copy of what it left: firstBlockRuns). The package there is
// the run's packed tarball (test/helpers/packed.ts), unpacked as node_modules/statespec: `statespec` and
// `npx statespec` run its CLI and `statespec` imports resolve to its files, so an example that works only in the
// checkout fails. (Its dependencies are linked from the checkout: npm's install itself is test/package.test.ts's.)
// README's tour runs a second time in a project that is a subfolder of its repository, as in a monorepo. A block is
// skipped only after a marker that says why: <!-- docs-test: skip REASON -->.
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { lint } from "markdownlint/sync";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { packedTarball } from "./helpers/packed.js";
import { linkPackage, runUnpackedIn, shimFolder, unpackPackage, type Unpacked } from "./helpers/unpacked.js";
import { typeCheck } from "./helpers/typecheck.js";

/** The unpacked tarball: set before any example runs. */
let unpacked: Unpacked;

beforeAll(async () => {
  unpacked = unpackPackage(await packedTarball());
});

const files = [
  "README.md",
  ...readdirSync("docs")
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`),
];

interface Block {
  lang: string;
  body: string[];
  /** 1-based line of the block's first body line in its file. */
  line: number;
  skip?: string;
}

/** The fenced blocks of a Markdown file, with the skip marker on the nearest non-empty line above each. */
function fencedBlocks(text: string): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[index]);
    if (!open) continue;
    const [, indent, lang] = open;
    let end = index + 1;
    while (end < lines.length && lines[end].trim() !== "```") end++;
    const body = lines
      .slice(index + 1, end)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
    let above = index - 1;
    while (above >= 0 && lines[above].trim() === "") above--;
    const marker = above >= 0 ? /^<!-- docs-test: skip (.*?)\s*-->$/.exec(lines[above].trim()) : null;
    blocks.push({ lang, body, line: index + 2, skip: marker ? marker[1] : undefined });
    index = end;
  }
  return blocks;
}

interface Command {
  text: string;
  line: number;
  exit: number;
  expected: string[];
}

/** Commands of a block: `$ ` lines in console (the lines after one are its output), every line in sh. */
function commands(block: Block): Command[] {
  const found: Command[] = [];
  const prompt = block.lang === "console";
  for (let index = 0; index < block.body.length; index++) {
    const raw = block.body[index];
    if (prompt ? !raw.startsWith("$ ") : raw.trim() === "" || raw.trimStart().startsWith("#")) {
      if (prompt) {
        if (found.length === 0)
          throw new Error(`line ${block.line + index}: a console block starts with a "$ " command`);
        if (raw.trim() !== "") found[found.length - 1].expected.push(raw.trimEnd());
      }
      continue;
    }
    const first = prompt ? raw.slice(2) : raw;
    const text = [first];
    const line = block.line + index;
    const heredoc = /<<-?\s*'?(\w+)'?/.exec(first);
    if (heredoc) {
      while (++index < block.body.length) {
        text.push(block.body[index]);
        if (block.body[index] === heredoc[1]) break;
      }
    }
    while (text[text.length - 1].endsWith("\\") && index + 1 < block.body.length) text.push(block.body[++index]);
    const exit = /\s#\s*exit (\d+)(?=$|[:;,.])/.exec(first);
    found.push({ text: text.join("\n"), line, exit: exit ? Number(exit[1]) : 0, expected: [] });
  }
  return found;
}

interface Project {
  /** The repository's folder. */
  top: string;
  /** The project's folder: `top`, or its subfolder. */
  dir: string;
  env: NodeJS.ProcessEnv;
}

/**
 * A fresh git project where `statespec` and `npx statespec` run the packed CLI and `statespec` imports the packed
 * package; with `subfolder`, the project is that folder of the repository (a monorepo's package). With `copyOf`, a
 * copy of that project's repository instead, as it was when copied (see `firstBlockRuns`).
 */
function project(subfolder?: string, copyOf?: string): Project {
  const top = mkdtempSync(join(tmpdir(), "statespec-docs-"));
  const dir = subfolder === undefined ? top : join(top, subfolder);
  const tools = join(top, ".statespec-test-bin");
  // Links as they are (node_modules/.bin/statespec is relative), so the copy uses nothing of the original.
  if (copyOf !== undefined) cpSync(copyOf, top, { recursive: true, verbatimSymlinks: true });
  else {
    mkdirSync(dir, { recursive: true });
    shimFolder(top, unpacked);
    // npm itself would install from a network: an example that needs it is marked skipped, with the reason.
    writeFileSync(
      join(tools, "npm"),
      `#!/bin/sh\necho "docs test: npm does not run here; mark the block <!-- docs-test: skip REASON -->" >&2\nexit 127\n`,
    );
    chmodSync(join(tools, "npm"), 0o755);
    linkPackage(dir, unpacked);
    writeFileSync(join(dir, "package.json"), `{ "name": "docs-project", "private": true, "type": "module" }\n`);
    writeFileSync(join(top, ".gitignore"), "node_modules\n.statespec-test-bin\n");
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${tools}:${process.env.PATH}`,
    GIT_AUTHOR_NAME: "docs",
    GIT_AUTHOR_EMAIL: "docs@example.invalid",
    GIT_COMMITTER_NAME: "docs",
    GIT_COMMITTER_EMAIL: "docs@example.invalid",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    NO_COLOR: "1",
  };
  if (copyOf === undefined) execFileSync("git", ["init", "-q", "-b", "main"], { cwd: top, env });
  return { top, dir, env };
}

/**
 * The first shell block of a file, by its project's layout and its text, where it ran: a file that starts with the
 * same block (docs/downstream.md repeats the README's `init`, `validate` and `generate`) would run the same commands
 * on the same fresh project, so it continues from a copy of the project they left. The block's example still ran,
 * with every line it shows checked, in the first file; run alone, a file runs its first block itself.
 */
const firstBlockRuns = new Map<string, { where: string; copy: string }>();

/**
 * The arguments of a command line that is only `statespec ARGS` or `npx statespec ARGS` (words of plain characters,
 * a trailing comment): no pipe, redirection, quoting, variable, glob, assignment or second command. Undefined for
 * any other line, which needs sh.
 */
function plainArguments(text: string): string[] | undefined {
  const plain = /^(?:npx[ \t]+)?statespec((?:[ \t]+[\w./:=@,+%-]+)*)[ \t]*(?:[ \t]#.*)?$/.exec(text);
  const words = plain?.[1].split(/[ \t]+/).filter((word) => word !== "");
  // `-` reads stdin, which sh gives a command and this process must not lend.
  return words?.includes("-") ? undefined : words;
}

/**
 * Runs a command line in `dir` and checks its exit code and the lines the docs show. With `inProcess`, a plain
 * `statespec ARGS` line (plainArguments) runs the packed package's CLI in this process (runUnpackedIn) instead of
 * sh, the shim and a new Node: the same bundle the executable runs, the same folder and environment; every other line
 * runs through sh.
 */
async function runCommand(
  command: Command,
  where: string,
  dir: string,
  env: NodeJS.ProcessEnv,
  inProcess = false,
): Promise<void> {
  const argv = inProcess ? plainArguments(command.text) : undefined;
  let status: number | null;
  let stdout: string;
  if (argv !== undefined) ({ code: status, output: stdout } = await runUnpackedIn(unpacked, dir, argv, env));
  else
    ({ status, stdout } = spawnSync("sh", ["-c", `exec 2>&1\n${command.text}`], {
      cwd: dir,
      env,
      encoding: "utf8",
      timeout: 60_000,
    }));
  const output = stdout.split("\n").map((line) => line.trimEnd());
  const context = `${where}: $ ${command.text}\n--- output ---\n${stdout}`;
  expect(status, context).toBe(command.exit);
  let at = 0;
  for (const wanted of command.expected) {
    const found = output.indexOf(wanted, at);
    expect(found, `${context}\n--- the line shown, not in the output (in order) ---\n${wanted}`).toBeGreaterThanOrEqual(
      0,
    );
    at = found + 1;
  }
}

/** `EXPR; // => VALUE` lines become assertions; the rest of the block runs as written. */
function typescriptRunner(block: Block, where: string): string {
  const body = block.body.map((line, index) => {
    const claim = /^(\s*)(.*?);\s*\/\/ => (.*)$/.exec(line);
    if (!claim) return line;
    const [, indent, expression, value] = claim;
    return `${indent}__expect(${expression}, ${value}, ${JSON.stringify(`${where.split(":")[0]}:${block.line + index}`)});`;
  });
  const check = [
    `import { isDeepStrictEqual as __equal, inspect as __inspect } from "node:util";`,
    `function __expect(actual: unknown, wanted: unknown, where: string): void {`,
    `  if (!__equal(actual, wanted)) { console.error(where + ": got " + __inspect(actual, { depth: 9 }) + ", the docs say " + __inspect(wanted, { depth: 9 })); process.exitCode = 1; }`,
    `}`,
  ];
  return [...check, ...body].join("\n");
}

/** tsc --strict over every TypeScript block of the docs at once (one program: the checker loads once): errors per block. */
let typeChecked: Map<string, string> | undefined;
function typeErrors(where: string): string {
  if (!typeChecked) {
    const dir = mkdtempSync(join(tmpdir(), "statespec-docs-tsc-"));
    linkPackage(dir, unpacked);
    writeFileSync(join(dir, "package.json"), `{ "name": "docs-types", "private": true, "type": "module" }\n`);
    const names = new Map<string, string>();
    for (const file of files) {
      for (const block of fencedBlocks(readFileSync(file, "utf8")).filter((found) => found.lang === "ts")) {
        const name = join(dir, `block-${names.size}.mts`);
        writeFileSync(name, `${block.body.join("\n")}\nexport {};\n`);
        names.set(name, `${file}:${block.line - 1}`);
      }
    }
    const checked = typeCheck([...names.keys()], { types: [], lib: ["lib.es2022.d.ts"] }, dir);
    typeChecked = new Map([...names].map(([name, block]) => [block, checked.about([name])]));
  }
  return typeChecked.get(where) ?? `${where}: not type-checked`;
}

// toml, rust and java do not run here: docs/output.md's rust and java examples are compiled and run by
// test/rust-tools.test.ts and test/java-tools.test.ts.
const languages = new Set(["sh", "console", "ts", "yaml", "text", "json", "jsonc", "md", "toml", "rust", "java", ""]);

// Every file from its project's root; the README's tour again from a project in a subfolder of its repository. The
// README's tour from the root (a user's first hour) runs every line as a process: sh, the shim, the packed
// executable; elsewhere a plain `statespec ARGS` line runs the packed CLI in this process (runCommand).
const runs = [
  ...files.map((file) => ({ file, subfolder: undefined, title: file })),
  { file: "README.md", subfolder: "apps/cloud", title: "README.md, the project in apps/cloud of its repository" },
];

describe("the examples of the docs", () => {
  for (const { file, subfolder, title } of runs) {
    describe(title, () => {
      const blocks = fencedBlocks(readFileSync(file, "utf8"));
      const inProcess = !(file === "README.md" && subfolder === undefined);
      let shared: Project | undefined;
      const here = () => (shared ??= project(subfolder));
      const first = blocks.find((found) => ["sh", "console"].includes(found.lang) && found.skip === undefined);

      it("writes shell as sh or console and TypeScript as ts, and says why it skips a block", () => {
        for (const block of blocks) {
          expect(
            languages.has(block.lang),
            `${file}:${block.line - 1}: \`\`\`${block.lang} is not a language the docs test knows (sh, console, ts; yaml, text, json, toml, rust, java for what does not run)`,
          ).toBe(true);
          if (block.skip !== undefined)
            expect(block.skip.length, `${file}:${block.line - 1}: a skip marker says why`).toBeGreaterThan(10);
        }
      });

      for (const block of blocks.filter((found) => ["sh", "console", "ts"].includes(found.lang))) {
        const where = `${file}:${block.line - 1}`;
        it.skipIf(block.skip !== undefined)(`${where} (${block.lang})`, async () => {
          const key = `${subfolder}\n${block.lang}\n${block.body.join("\n")}`;
          const ran = block === first ? firstBlockRuns.get(key) : undefined;
          if (ran !== undefined) {
            // The same commands ran as ${ran.where}; here the copy must hold what they left, its links resolving.
            shared = project(subfolder, ran.copy);
            const listing = (folder: string) => readdirSync(folder, { recursive: true }).map(String).sort();
            expect(listing(shared.top), `${where}: a copy of the project ${ran.where} left`).toEqual(listing(ran.copy));
            expect(existsSync(join(shared.dir, "node_modules", ".bin", "statespec")), where).toBe(true);
            return;
          }
          const { top, dir, env } = here();
          if (block.lang !== "ts") {
            for (const command of commands(block))
              await runCommand(command, `${file}:${command.line}`, dir, env, inProcess);
            if (block === first) {
              const copy = mkdtempSync(join(tmpdir(), "statespec-docs-copy-"));
              cpSync(top, copy, { recursive: true, verbatimSymlinks: true });
              firstBlockRuns.set(key, { where, copy });
            }
            return;
          }
          const name = `block-${block.line}`;
          expect(typeErrors(where), `${where}: tsc --strict`).toBe("");
          const source = typescriptRunner(block, where);
          const js = ts.transpileModule(source, {
            compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
          }).outputText;
          writeFileSync(join(dir, `${name}.mjs`), js);
          const result = spawnSync(process.execPath, [`${name}.mjs`], {
            cwd: dir,
            env,
            encoding: "utf8",
            timeout: 60_000,
          });
          expect(`${result.stdout}${result.stderr}`.trim(), `${where}: node`).toBe("");
          expect(result.status, `${where}: node`).toBe(0);
        });
      }
    });
  }
});

describe("the docs as files", () => {
  it("pass markdownlint with the repository's config", () => {
    const result = lint({ files, config: JSON.parse(readFileSync(".markdownlint.json", "utf8")) });
    expect(result.toString()).toBe("");
  });

  it("link only to files and headings that exist", () => {
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [path, anchor] = target.split("#");
        const linked = path === "" ? file : join(dirname(file), path);
        if (!existsSync(linked)) {
          broken.push(`${file}: ${target}`);
          continue;
        }
        if (anchor !== undefined && linked.endsWith(".md") && !anchors(readFileSync(linked, "utf8")).has(anchor))
          broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("keep the bench's table markers in docs/performance.md, where npm run bench -- --write-readme writes", () => {
    const page = readFileSync("docs/performance.md", "utf8");
    for (const [script, marker] of [
      ["bench/run.mjs", "bench"],
      ["bench/check.mjs", "bench-check"],
    ]) {
      expect(readFileSync(script, "utf8"), script).toMatch(/"docs", "performance\.md"|"docs\/performance\.md"/);
      expect(page.split(`<!-- ${marker}:start -->`).length, marker).toBe(2);
      expect(page.indexOf(`<!-- ${marker}:end -->`)).toBeGreaterThan(page.indexOf(`<!-- ${marker}:start -->`));
    }
    expect(readFileSync("README.md", "utf8")).not.toContain("<!-- bench");
  });

  it("show check's recorded output for the servers of test/fixtures/check/api-servers-detail", () => {
    const shown = /```text\n(servers\.json:14:9: [\s\S]*?)```/.exec(readFileSync("docs/check.md", "utf8"))?.[1];
    expect(shown, "docs/check.md's check output").toBeDefined();
    const recorded = readFileSync("test/fixtures/check/api-servers-detail/expected.text", "utf8")
      .replace(/^exit 1\n/, "")
      .replaceAll("test/fixtures/check/api-servers-detail/servers.json", "servers.json");
    expect(shown).toBe(recorded);
  });

  it("ship in the package", () => {
    expect(JSON.parse(readFileSync("package.json", "utf8")).files).toContain("docs/");
  });
});

/** GitHub's heading anchors: lower case, punctuation other than - and _ dropped, spaces as -. */
function anchors(text: string): Set<string> {
  const found = new Set<string>();
  let fenced = false;
  for (const line of text.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6} (.*)$/.exec(line);
    if (heading)
      found.add(
        heading[1]
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s_-]/gu, "")
          .replace(/ /g, "-"),
      );
  }
  return found;
}

describe("the docs test's own reading", () => {
  it("takes console output lines, heredocs and `# exit N`", () => {
    const block: Block = {
      lang: "console",
      line: 10,
      body: ["$ cat > a.txt <<'EOF'", "$ not a command", "EOF", "$ false  # exit 1: it fails", "shown"],
    };
    expect(commands(block)).toEqual([
      { text: "cat > a.txt <<'EOF'\n$ not a command\nEOF", line: 10, exit: 0, expected: [] },
      { text: "false  # exit 1: it fails", line: 13, exit: 1, expected: ["shown"] },
    ]);
  });

  it("finds a skip marker above a block", () => {
    const blocks = fencedBlocks(
      "text\n<!-- docs-test: skip needs a cloud -->\n\n```sh\ncurl x\n```\n\n- item:\n\n  ```sh\n  ls\n  ```\n",
    );
    expect(blocks).toEqual([
      { lang: "sh", body: ["curl x"], line: 5, skip: "needs a cloud" },
      { lang: "sh", body: ["ls"], line: 11, skip: undefined },
    ]);
  });

  it("fails a command whose output lacks a line the docs show", async () => {
    const { dir, env } = project();
    await expect(
      runCommand({ text: "echo one", line: 1, exit: 0, expected: ["two"] }, "x", dir, env),
    ).rejects.toThrow();
    await expect(runCommand({ text: "exit 3", line: 1, exit: 0, expected: [] }, "x", dir, env)).rejects.toThrow();
    await runCommand(
      { text: "statespec --version >/dev/null; echo a; echo b", line: 1, exit: 0, expected: ["a", "b"] },
      "x",
      dir,
      env,
    );
    await expect(
      runCommand({ text: "echo a; echo b", line: 1, exit: 0, expected: ["b", "a"] }, "x", dir, env),
    ).rejects.toThrow();
    await runCommand(
      { text: "npm install --save-dev statespec  # exit 127", line: 1, exit: 127, expected: [] },
      "x",
      dir,
      env,
    );
    await runCommand(
      { text: "npx cowsay hi  # exit 127", line: 1, exit: 127, expected: ["test: only npx statespec runs here"] },
      "x",
      dir,
      env,
    );
    // In this process: the exit code and the lines are checked the same way.
    const usage = { text: "npx statespec export --vendor  # exit 2", line: 1, exit: 2, expected: [] };
    await runCommand(usage, "x", dir, env, true);
    await expect(runCommand({ ...usage, exit: 0 }, "x", dir, env, true)).rejects.toThrow();
    await expect(
      runCommand({ text: "statespec --version", line: 1, exit: 0, expected: ["9.9.9"] }, "x", dir, env, true),
    ).rejects.toThrow();
  });

  it("runs in this process only a plain `statespec ARGS` line", () => {
    expect(plainArguments("npx statespec check servers.json   # exit 1: a finding")).toEqual(["check", "servers.json"]);
    expect(plainArguments("statespec diff --base HEAD --fail-on never")).toEqual([
      "diff",
      "--base",
      "HEAD",
      "--fail-on",
      "never",
    ]);
    expect(plainArguments("npx statespec validate")).toEqual(["validate"]);
    for (const shell of [
      "npx statespec export --vendor acme > acme.json",
      "echo '{}' | npx statespec check --vendor acme -",
      "npx statespec check servers.json list.json && echo ok",
      "npx statespec diff --base $BASE",
      'npx statespec check "my servers.json"',
      "NO_COLOR= npx statespec validate",
      "npx statespec check *.json",
      "npx statespec check --vendor acme -",
      "npx cowsay statespec",
      "statespec validate; statespec generate",
    ])
      expect(plainArguments(shell), shell).toBeUndefined();
  });
});
