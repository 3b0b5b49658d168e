// A Rust program that runs generated crates on the behaviour cases of test/sdk-harness.ts and prints the answers
// as JSON, with no dependency of its own (no serde: cases come in as lines, answers go out as JSON the program
// writes itself, which state values allow: they are ASCII letters, digits, '_', '.' and '-').
import type { Answers, Cases } from "./sdk.js";

export type RustAnswers = Answers & { unknown: string };

/**
 * The cases of every crate, in order, as lines: a count line (`<pairs> <statuses>`), then one line per pair
 * (vm_state TAB task_state) and one per status, each field `-` for null or `=` and the text.
 */
export function rustInput(cases: readonly Cases[]): string {
  const field = (value: string | null) => (value === null ? "-" : `=${value}`);
  for (const text of cases.flatMap((each) => [...each.pairs.flat(), ...each.statuses]))
    if (text !== null && /[\t\n\r]/.test(text)) throw new Error(`a case the line format cannot carry: ${text}`);
  return cases
    .map((each) =>
      [
        `${each.pairs.length} ${each.statuses.length}`,
        ...each.pairs.map(([vmState, taskState]) => `${field(vmState)}\t${field(taskState)}`),
        ...each.statuses.map(field),
      ].join("\n"),
    )
    .join("\n");
}

const main = `use std::io::Read;

fn field(text: &str) -> Option<&str> {
    if text == "-" {
        None
    } else {
        Some(&text[1..])
    }
}

fn quoted(text: &str) -> String {
    format!("\\"{}\\"", text)
}

fn list(items: Vec<String>) -> String {
    format!("[{}]", items.join(","))
}

// One crate's answers. Also asserts what has no TypeScript counterpart: Display, FromStr and from_code round trips.
macro_rules! answers {
    ($krate:ident, $lines:expr) => {{
        let lines = $lines;
        let counts: Vec<usize> = lines.next().unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
        let mut pairs = Vec::new();
        for _ in 0..counts[0] {
            let (vm_state, task_state) = lines.next().unwrap().split_once('\\t').unwrap();
            // A null vm_state is passed as "", which no document lists (the crate's documented rule).
            let status = $krate::status_from_state(field(vm_state).unwrap_or(""), field(task_state));
            pairs.push(quoted(status.as_str()));
        }
        let mut filters = Vec::new();
        for _ in 0..counts[1] {
            let status = field(lines.next().unwrap()).unwrap();
            filters.push(match $krate::states_for_status(status) {
                None => "null".to_string(),
                Some(filter) => format!(
                    "{{\\"vmStates\\":{},\\"taskStates\\":{}}}",
                    list(filter.vm_states.iter().map(|v| quoted(v.as_str())).collect()),
                    match filter.task_states {
                        None => "null".to_string(),
                        Some(tasks) => list(
                            tasks
                                .iter()
                                .map(|t| t.map_or("null".to_string(), |t| quoted(t.as_str())))
                                .collect()
                        ),
                    }
                ),
            });
        }
        let mut vm_states = Vec::new();
        for member in $krate::VmState::ALL.iter().copied() {
            assert_eq!(member.to_string(), member.as_str());
            assert_eq!(member.as_str().parse::<$krate::VmState>(), Ok(member));
            vm_states.push(quoted(member.as_str()));
        }
        let mut task_states = Vec::new();
        for member in $krate::TaskState::ALL.iter().copied() {
            assert_eq!(member.to_string(), member.as_str());
            assert_eq!(member.as_str().parse::<$krate::TaskState>(), Ok(member));
            task_states.push(quoted(member.as_str()));
        }
        let mut statuses = Vec::new();
        for member in $krate::ServerStatus::ALL.iter().copied() {
            assert_eq!(format!("{:>3}", member), format!("{:>3}", member.as_str()));
            assert_eq!(member.as_str().parse::<$krate::ServerStatus>(), Ok(member));
            statuses.push(quoted(member.as_str()));
        }
        let mut power_states = Vec::new();
        for member in $krate::PowerState::ALL.iter().copied() {
            assert_eq!(member.to_string(), member.code().to_string());
            assert_eq!($krate::PowerState::from_code(member.code()), Some(member));
            power_states.push(format!("[{},{}]", quoted(member.name()), member.code()));
        }
        assert_eq!($krate::PowerState::from_code(-1), None);
        let refused = "".parse::<$krate::VmState>().unwrap_err();
        assert_eq!((refused.field, refused.value.as_str()), ("OS-EXT-STS:vm_state", ""));
        format!(
            concat!(
                "{{\\"pairs\\":{},\\"filters\\":{},\\"vmStates\\":{},\\"taskStates\\":{},",
                "\\"powerStates\\":{},\\"serverStatuses\\":{},\\"unknown\\":{}}}"
            ),
            list(pairs),
            list(filters),
            list(vm_states),
            list(task_states),
            list(power_states),
            list(statuses),
            quoted($krate::UNKNOWN_STATUS.as_str())
        )
    }};
}
`;

/**
 * The harness crate: a binary depending on every member by path, each under the alias v<index>. `example` is Rust
 * from the docs that uses the first member under its own crate name; it runs first.
 */
export function rustHarness(
  members: readonly { member: string; name: string }[],
  example: string,
): { manifest: string; main: string } {
  const manifest = [
    "[package]",
    'name = "harness"',
    'version = "0.0.0"',
    'edition = "2021"',
    "publish = false",
    "",
    "[dependencies]",
    ...members.map(({ member, name }, index) => `v${index} = { path = "../${member}", package = "${name}" }`),
    "",
  ].join("\n");
  const calls = members.map((_, index) => `        answers!(v${index}, &mut lines),`);
  return {
    manifest,
    main: `${main}
use v0 as ${members[0].name};

#[allow(unused_variables)]
fn docs_example() {
${example}
}

fn main() {
    docs_example();
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut lines = input.split('\\n');
    let results = [
${calls.join("\n")}
    ];
    println!("[{}]", results.join(","));
}
`,
  };
}
