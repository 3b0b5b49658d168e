// Every generated page (out/**/*.md) as a reader sees it on GitHub: rendered by markdown-it and mermaid 11 in a real
// headless Chromium at 980 px (test/pages-browser.mjs). No mermaid error, no overlapping or repeated diagram labels,
// no markup left as text, and every page within the height the README states.
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module shared with `npm run screenshots`, without type declarations
import { chromiumPath, markdownPages, renderPages } from "./pages-browser.mjs";

interface PageReport {
  name: string;
  height: number;
  diagrams: number;
  mermaidErrors: string[];
  overlaps: string[];
  duplicateLabels: string[];
  rawMarkup: string[];
}

/** The heights docs/development.md states, in px at 980 px wide. */
const maxHeight: Record<string, number> = {
  "README.md": 4500,
  "conformance.md": 2600,
  "huawei-ecs/README.md": 5900,
  "huawei-ecs/README.zh-CN.md": 5600,
  "openstack/README.md": 7000,
  "rackspace/README.md": 4400,
};

const missing = existsSync(chromiumPath)
  ? undefined
  : `no Chromium at ${chromiumPath}: install Debian's chromium (.ci/run does) or set STATESPEC_CHROMIUM`;

describe.skipIf(missing !== undefined && process.env.STATESPEC_REQUIRE_TOOLS !== "1")(
  "generated pages in a real browser",
  () => {
    let reports: PageReport[];
    let hairball: PageReport;

    beforeAll(async () => {
      if (missing) throw new Error(missing);
      // One browser for the committed pages and for a page the checks must reject: the diagram the openstack page
      // used to have (31 nodes, 23 labelled edges), with a raw RST role and bold marker beside it.
      const bad = mkdtempSync(join(tmpdir(), "statespec-bad-page-"));
      mkdirSync(join(bad, "out"));
      for (const name of markdownPages("out") as string[]) {
        mkdirSync(join(bad, "out", name, ".."), { recursive: true });
        writeFileSync(join(bad, "out", name), readFileSync(join("out", name), "utf8"));
      }
      writeFileSync(join(bad, "out", "zz-bad.md"), readFileSync("test/fixtures/pages/hairball.md", "utf8"));
      const all = (await renderPages(join(bad, "out"))) as PageReport[];
      hairball = all.find((report) => report.name === "zz-bad.md")!;
      reports = all.filter((report) => report !== hairball);
    }, 60_000);

    it("renders every page of out/", () => {
      expect(reports.map((report) => report.name)).toEqual(Object.keys(maxHeight).sort());
    });

    it("draws every diagram without a mermaid error, overlapping boxes or repeated labels", () => {
      expect(reports.reduce((count, report) => count + report.diagrams, 0)).toBeGreaterThan(0);
      for (const report of reports) {
        expect(report.mermaidErrors, report.name).toEqual([]);
        expect(report.overlaps, report.name).toEqual([]);
        expect(report.duplicateLabels, report.name).toEqual([]);
      }
    });

    it("shows no markup as text: no backtick, :ref: or ** outside code", () => {
      for (const report of reports) expect(report.rawMarkup, report.name).toEqual([]);
    });

    it("keeps every page within its stated height", () => {
      for (const report of reports) expect(report.height, report.name).toBeLessThanOrEqual(maxHeight[report.name]);
    });

    it("rejects what the issue found: overlapping and repeated edge labels, raw markup", () => {
      expect(hairball.mermaidErrors).toEqual([]);
      expect(hairball.overlaps.length).toBeGreaterThan(0);
      expect(hairball.duplicateLabels).toContain("any");
      expect(hairball.rawMarkup.join("\n")).toMatch(/:ref:/);
      expect(hairball.rawMarkup.join("\n")).toMatch(/\*\*/);
    });
  },
);
