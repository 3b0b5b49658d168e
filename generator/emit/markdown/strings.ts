// The words of a vendor page, per locale: one template (templates/vendor.md.hbs) renders every locale, so the
// pages cannot drift apart. `{name}` marks a value filled in by code (already rendered Markdown).
// A locale without an entry here gets no page of its own; its descriptions still reach the other artifacts.

export interface PageStrings {
  /** Names of the page locales, in this locale's words, for the link to the other locale's page. */
  languages: Readonly<Record<string, string>>;
  /** Between two sentences: a space in English, nothing in Chinese. */
  sentenceGap: string;
  /** The script the page's words are in (a global pattern), where spec text may be in another one (quoteProse). */
  script?: RegExp;
  /** Spec prose not in the page's script, quoted as it is: the page's own voice stays in the page's language. */
  quoted: string;
  title: string;
  otherLocale: string;
  generatedFrom: string;
  inheritedLegend: string;
  rowsOnlyLegend: string;
  derivationHeading: string;
  precedence: string;
  fallbackPolicy: string;
  fixedPolicy: string;
  projectReading: string;
  tableCaption: string;
  vmStateColumn: string;
  statusColumn: string;
  exceptionsColumn: string;
  /** One group of exceptions: a status and the task states that give it. */
  exceptionGroup: string;
  /** More task states giving the same status from another origin, after the first; and what joins them. */
  alsoFor: string;
  partGap: string;
  anyTask: string;
  /** A vendor with a fallback: its rows that answer otherwise than the fallback vendor. */
  overridesIntro: string;
  override: string;
  noOverrides: string;
  noTask: string;
  anyOtherVmState: string;
  written: string;
  writtenAnyTask: string;
  writtenNoTask: string;
  writtenTask: string;
  crossReference: string;
  noRows: string;
  reportedIn: string;
  listedBy: string;
  valueColumn: string;
  nameColumn: string;
  groupColumn: string;
  rowsOnlyAll: string;
  describedCaption: string;
  descriptionColumn: string;
  declaredByColumn: string;
  noValues: string;
  sourcesHeading: string;
  documentId: string;
  publisher: string;
  readingOf: string;
  sourceFile: string;
  url: string;
  links: string;
  translates: string;
  known: string;
  notes: string;
}

const en: PageStrings = {
  languages: { en: "English", "zh-CN": "Chinese (中文)" },
  sentenceGap: " ",
  quoted: "{text}",
  title: "Server states: {vendor}",
  otherLocale: "This page in {language}: [{file}]({file}).",
  generatedFrom:
    "Generated from {count} source document(s). Values are spelled exactly as the documents spell them. A " +
    "value's member name in the generated code is the value in upper case, other characters as `_`, unless a " +
    "name column says otherwise.",
  inheritedLegend: "† marks a value no document of {vendor} gives: inherited from {fallback}.",
  rowsOnlyLegend: "‡ marks a value that a mapping row uses but no value list of the documents declares.",
  derivationHeading: "How status is derived",
  precedence:
    "`status` is derived from `OS-EXT-STS:vm_state` and `OS-EXT-STS:task_state`: the documents' row for the " +
    "exact task state wins (no task, `null`, is a task state like any other), then the vm_state's row for any " +
    "task state.",
  fallbackPolicy: "Only a pair the documents do not cover is derived as vendor {fallback} derives it.",
  fixedPolicy: "A pair the documents do not cover gives {status}.",
  projectReading: "The project's reading: {why}",
  tableCaption:
    "What `statusFromState` returns, one row per vm_state: the status for no task and for every task state not " +
    "listed, then the task states that give another status. After ← each answer names where it comes from, as " +
    "`statespec check` and `statespec diff` name it: `row`, a document id and the line of its spec file; `policy`, " +
    "the fixed status for uncovered pairs; or the fallback vendor's id before its own origin. A status from more " +
    "than one origin lists the task states of each.",
  vmStateColumn: "vm_state",
  statusColumn: "status",
  exceptionsColumn: "but for these task states",
  exceptionGroup: "{status} for {tasks}",
  alsoFor: "for {tasks}",
  partGap: "; ",
  anyTask: "any task state",
  overridesIntro: "The rows of {vendor} that answer a pair otherwise than {fallback} does, and so override it:",
  override: "{vmState} + {tasks}: {status}, where {fallback} gives {theirs}",
  noOverrides: "No row of {vendor} overrides {fallback}: each gives the status {fallback} derives for its pair.",
  noTask: "no task (`null`)",
  anyOtherVmState: "any other vm_state",
  written: "How the documents write the task_state cell of a row:",
  writtenAnyTask: "{document} writes {written} in {count} row(s), read as any task state without a row of its own.",
  writtenNoTask: "{document} writes {written} in {count} row(s), read as no task (`null`).",
  writtenTask: "{document} writes {written} in {count} row(s), read as {task}.",
  crossReference: "a cross-reference to “{words}”",
  noRows: "The documents give no mapping rows.",
  reportedIn: "Reported in {field}.",
  listedBy: "Listed by {documents}.",
  valueColumn: "value",
  nameColumn: "name",
  groupColumn: "set by",
  rowsOnlyAll: "No value list of the documents declares them: the mapping rows use them.",
  describedCaption: "The values the documents describe:",
  descriptionColumn: "description",
  declaredByColumn: "declared by",
  noValues: "No values are documented.",
  sourcesHeading: "Sources",
  documentId: "Document id: {id}, locale {locale}",
  publisher: "Publisher: {publisher}",
  readingOf: "{field} is the project's reading, not stated by the document: {why}",
  sourceFile: "Source file: {source}",
  url: "URL: {url}",
  links: "Links in the document: {links}",
  translates: "Translates {document}",
  known: "Known to the project, not stated by the document: {text}",
  notes: "The document's notes ({count}), under the heading they stand under",
};

const zhCN: PageStrings = {
  languages: { en: "英文（English）", "zh-CN": "中文" },
  sentenceGap: "",
  script: /\p{Script=Han}/gu,
  quoted: "“{text}”（英文原文）",
  title: "云服务器状态：{vendor}",
  otherLocale: "本页的{language}版本：[{file}]({file})。",
  generatedFrom:
    "由 {count} 份源文档生成。状态值的拼写与源文档完全一致。生成代码中取值的成员名为该取值的大写形式，其他字符替换为 `_`，除非表中“名称”一列另有说明。",
  inheritedLegend: "† 表示 {vendor} 的文档未给出、继承自 {fallback} 的取值。",
  rowsOnlyLegend: "‡ 表示映射表中使用、但文档的取值列表未声明的取值。",
  derivationHeading: "status 的推导",
  precedence:
    "`status` 由 `OS-EXT-STS:vm_state` 与 `OS-EXT-STS:task_state` 推导：先匹配文档中该 task_state 的行（无任务，即 `null`，与其他 " +
    "task_state 相同），再匹配该 vm_state 适用于任意任务的行。",
  fallbackPolicy: "文档未覆盖的组合按厂商 {fallback} 的规则推导。",
  fixedPolicy: "文档未覆盖的组合得到 {status}。",
  projectReading: "本项目的解读：{why}",
  tableCaption:
    "`statusFromState` 的返回值，每个 vm_state 一行：无任务及未列出的任务状态对应的 status，以及得到其他 " +
    "status 的任务状态。每个结果后的 ← 标明其来源，写法与 `statespec check`、`statespec diff` 相同：`row` " +
    "加文档 id 及其规格文件中的行号；`policy` 为未覆盖组合的固定 status；回退厂商的结果则在其来源前加该厂商的 " +
    "id。同一 status 有多个来源时，分别列出各来源对应的任务状态。",
  vmStateColumn: "vm_state",
  statusColumn: "status",
  exceptionsColumn: "以下 task_state 例外",
  exceptionGroup: "{status}：{tasks}",
  alsoFor: "{tasks}",
  partGap: "；",
  anyTask: "任意任务状态",
  overridesIntro: "{vendor} 的以下行给出的结果与 {fallback} 不同，因而覆盖了 {fallback}：",
  override: "{vmState} + {tasks}：{status}，而 {fallback} 给出 {theirs}",
  noOverrides: "{vendor} 没有覆盖 {fallback} 的行：每一行给出的 status 都与 {fallback} 对该组合的推导相同。",
  noTask: "无任务（`null`）",
  anyOtherVmState: "其他 vm_state",
  written: "文档中映射表 task_state 单元格的写法：",
  writtenAnyTask: "{document} 在 {count} 行中写作 {written}，解读为没有单独一行的任意任务状态。",
  writtenNoTask: "{document} 在 {count} 行中写作 {written}，解读为无任务（`null`）。",
  writtenTask: "{document} 在 {count} 行中写作 {written}，解读为 {task}。",
  crossReference: "指向“{words}”的交叉引用",
  noRows: "文档未给出映射行。",
  reportedIn: "字段：{field}。",
  listedBy: "列出该取值的文档：{documents}。",
  valueColumn: "取值",
  nameColumn: "名称",
  groupColumn: "设置该状态的操作",
  rowsOnlyAll: "文档的取值列表未声明这些取值，它们出现在映射表中。",
  describedCaption: "文档给出说明的取值：",
  descriptionColumn: "说明",
  declaredByColumn: "来源文档",
  noValues: "文档未列出取值。",
  sourcesHeading: "来源",
  documentId: "文档 id：{id}，语言 {locale}",
  publisher: "发布者：{publisher}",
  readingOf: "{field} 是本项目的解读，文档本身未说明：{why}",
  sourceFile: "源文件：{source}",
  url: "URL：{url}",
  links: "文档中的链接：{links}",
  translates: "译自 {document}",
  known: "本项目已知、文档本身未说明：{text}",
  notes: "文档中的说明（{count} 条），按所在标题分组",
};

export const pageStrings: Readonly<Record<string, PageStrings>> = { en, "zh-CN": zhCN };

/**
 * Spec prose (`source`, as `rendered`) on a page whose words are in another script: marked as a quote. Text counts
 * as the page's when it has at least as many characters of the page's script as Latin words (a Chinese sentence
 * names identifiers; an English one may quote a few Chinese words).
 */
export function quoteProse(source: string, rendered: string, strings: PageStrings): string {
  if (strings.script === undefined) return rendered;
  const own = source.match(strings.script)?.length ?? 0;
  const latinWords = source.match(/[A-Za-z]+/g)?.length ?? 0;
  return own >= latinWords ? rendered : fill(strings.quoted, { text: rendered });
}

/** A string with its `{name}` slots filled; a slot without a value is a bug in the caller, so it stays visible. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}
