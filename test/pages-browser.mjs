// Renders generated Markdown pages as GitHub shows them, in a real headless Chromium: markdown-it (CommonMark plus
// GFM tables) and mermaid 11 from npm, at GitHub's page width of 980 px. Used by test/pages.test.ts, and by
// `npm run screenshots [-- FOLDER]` (this file run directly), which writes a PNG of every page to a new temporary folder.
// One browser for all pages; the system's Chromium (Debian's `chromium`), never a downloaded one; no network.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import MarkdownIt from "markdown-it";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
export const chromiumPath = process.env.STATESPEC_CHROMIUM ?? "/usr/bin/chromium";
export const pageWidth = 980;

/** Every Markdown page under a folder, as paths relative to it, sorted. */
export function markdownPages(folder) {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => name.split("\\").join("/"))
    .sort();
}

const markdown = new MarkdownIt({ html: true, linkify: false });
const defaultFence = markdown.renderer.rules.fence;
// A mermaid block becomes a diagram container, as on GitHub; its text stays escaped until mermaid reads it.
markdown.renderer.rules.fence = (tokens, index, options, env, self) => {
  const token = tokens[index];
  if (token.info.trim() === "mermaid")
    return `<pre class="mermaid-source">${markdown.utils.escapeHtml(token.content)}</pre>\n`;
  return defaultFence(tokens, index, options, env, self);
};

// Close to GitHub's own page style (a 980 px page with 45 px padding, 16 px text, padded bordered tables that
// scroll sideways when too wide); written for this test, not copied.
const style = `
  body { margin: 0; background: #fff; }
  article { box-sizing: border-box; width: ${pageWidth}px; padding: 45px; font: 16px/1.5 -apple-system, "Segoe UI", "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif; color: #1f2328; overflow-wrap: break-word; border-bottom: 4px solid #888; }
  h1, h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
  h1 { font-size: 2em; } h2 { font-size: 1.5em; } h3 { font-size: 1.25em; }
  h1, h2, h3, h4 { margin: 24px 0 16px; line-height: 1.25; font-weight: 600; }
  p, ul, ol, table, pre { margin: 0 0 16px; }
  code { font: 85% "Liberation Mono", "DejaVu Sans Mono", monospace; background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
  pre { background: #f6f8fa; padding: 16px; overflow: auto; }
  pre code { background: none; padding: 0; }
  table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
  th { font-weight: 600; }
  tr:nth-child(2n) { background: #f6f8fa; }
  .mermaid-diagram { margin: 0 0 16px; }
`;

function documentHtml(pages) {
  const articles = pages.map(
    (page, index) =>
      `<article id="page-${index}" data-name="${markdown.utils.escapeHtml(page.name)}">${markdown.render(page.source)}</article>`,
  );
  return `<!doctype html><html><head><meta charset="utf-8"><style>${style}</style></head><body>${articles.join("\n")}</body></html>`;
}

/** Runs in the page: renders every diagram, then measures each article. Returns one report per page. */
async function measure() {
  const mermaid = globalThis.mermaid;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default" });
  const intersects = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const reports = [];
  let diagramCount = 0;
  for (const article of document.querySelectorAll("article")) {
    const report = {
      name: article.dataset.name,
      height: 0,
      diagrams: 0,
      mermaidErrors: [],
      overlaps: [],
      duplicateLabels: [],
      rawMarkup: [],
    };
    for (const source of article.querySelectorAll("pre.mermaid-source")) {
      report.diagrams++;
      const container = document.createElement("div");
      container.className = "mermaid-diagram";
      try {
        const { svg } = await mermaid.render(`diagram-${diagramCount++}`, source.textContent);
        container.innerHTML = svg;
        if (container.querySelector(".error-icon, .error-text"))
          report.mermaidErrors.push("mermaid drew its error diagram");
      } catch (error) {
        report.mermaidErrors.push(String(error?.message ?? error));
      }
      source.replaceWith(container);
      // Nodes and edge labels of the diagram as boxes on the page: no two may overlap, and no label may repeat.
      const boxes = [];
      for (const node of container.querySelectorAll("g.node"))
        boxes.push({ what: `node "${node.textContent.trim()}"`, box: node.getBoundingClientRect() });
      for (const label of container.querySelectorAll("g.edgeLabel")) {
        const text = label.textContent.trim();
        const box = label.getBoundingClientRect();
        if (text !== "" && box.width > 0) boxes.push({ what: `edge label "${text}"`, box, text });
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          if (intersects(boxes[i].box, boxes[j].box))
            report.overlaps.push(`${boxes[i].what} overlaps ${boxes[j].what}`);
      const labels = boxes.filter((entry) => entry.text !== undefined).map((entry) => entry.text);
      report.duplicateLabels.push(...new Set(labels.filter((text, index) => labels.indexOf(text) !== index)));
    }
    // Markup a reader should never see as text: outside code, no backtick, RST role or bold marker survives.
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest("code, pre, svg")) continue;
      const found = /`|:ref:|\*\*/.exec(node.textContent);
      if (found) report.rawMarkup.push(node.textContent.trim().slice(0, 120));
    }
    reports.push(report);
  }
  // Heights after every diagram is drawn: the article as a reader scrolls it.
  document
    .querySelectorAll("article")
    .forEach((article, index) => (reports[index].height = Math.round(article.getBoundingClientRect().height)));
  return reports;
}

/**
 * Renders the pages of `folder` (relative names from markdownPages) in one Chromium; with `screenshots`, writes
 * `<name>.png` per page into that folder. Returns per page: height (px), diagrams, mermaid errors, overlapping
 * boxes, duplicate labels and raw markup found.
 */
export async function renderPages(folder, { screenshots } = {}) {
  const pages = markdownPages(folder).map((name) => ({ name, source: readFileSync(join(folder, name), "utf8") }));
  const profile = mkdtempSync(join(tmpdir(), "statespec-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: pageWidth, height: 800 },
    offline: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(documentHtml(pages), { waitUntil: "load" });
    await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
    const reports = await page.evaluate(measure);
    if (screenshots) {
      for (const [index, report] of reports.entries()) {
        const file = join(screenshots, `${report.name.replace(/\//g, "__").replace(/\.md$/, "")}.png`);
        await page.locator(`#page-${index}`).screenshot({ path: file });
        report.screenshot = file;
      }
    }
    return reports;
  } finally {
    await context.close();
  }
}

// `npm run screenshots [-- FOLDER]`: PNGs of every page of FOLDER (default out/) in a new temporary folder.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2] ?? "out";
  if (!existsSync(chromiumPath)) {
    console.error(
      `no Chromium at ${chromiumPath}: install Debian's chromium (apt-get install chromium) or set STATESPEC_CHROMIUM`,
    );
    process.exit(2);
  }
  const target = mkdtempSync(join(tmpdir(), "statespec-screenshots-"));
  const reports = await renderPages(folder, { screenshots: target });
  for (const report of reports) {
    const problems =
      report.mermaidErrors.length + report.overlaps.length + report.duplicateLabels.length + report.rawMarkup.length;
    console.log(
      `${report.name}: ${report.height} px, ${report.diagrams} diagram(s), ${problems} problem(s)  ${relative(process.cwd(), report.screenshot).startsWith("..") ? report.screenshot : relative(process.cwd(), report.screenshot)}`,
    );
  }
  console.log(`screenshots in ${target}`);
}
