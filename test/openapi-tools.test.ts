// The OpenAPI fragments through the tools a downstream team already uses: swagger-parser, redocly lint, and a
// $ref from the team's own API document.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";

const vendors = ["openstack", "rackspace", "huawei-ecs"];

describe("OpenAPI fragments", () => {
  it("pass @apidevtools/swagger-parser validation", async () => {
    for (const vendor of vendors) {
      const api = (await SwaggerParser.validate(resolve("out", vendor, "openapi.yaml"))) as unknown as {
        components: { schemas: Record<string, unknown> };
      };
      expect(Object.keys(api.components.schemas)).toContain("ServerStatus");
    }
  });

  it("pass redocly lint with the recommended ruleset with no errors, offline", () => {
    const root = mkdtempSync(join(tmpdir(), "statespec-redocly-"));
    const config = join(root, "redocly.yaml");
    writeFileSync(config, "extends:\n  - recommended\n");
    // Telemetry and the update check are off: the lint must not need the network.
    const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
    // A fragment without servers is an error under the same rules, so the check can fail: linted in the same run
    // (one redocly start), its problems told apart from the fragments' by the file each is listed under.
    const broken = join(root, "broken.yaml");
    writeFileSync(broken, "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n");
    const fragments = vendors.map((vendor) => resolve("out", vendor, "openapi.yaml"));
    let code = 0;
    let text: string;
    try {
      text = execFileSync(
        resolve("node_modules/.bin/redocly"),
        ["lint", "--config", config, "--format=stylish", ...fragments, broken],
        { encoding: "utf8", env, stdio: "pipe" },
      );
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      code = failed.status;
      text = failed.stdout + failed.stderr;
    }
    // The stylish format: a file's path and a colon, then one indented `line:col severity rule message` per problem.
    const errors = new Map<string, string[]>();
    let file = "";
    for (const line of text.split("\n")) {
      if (/^\S.*\.yaml:$/.test(line)) file = resolve(line.slice(0, -1));
      else if (/^\s+\d+:\d+\s+error\s/.test(line)) errors.set(file, [...(errors.get(file) ?? []), line.trim()]);
    }
    for (const fragment of fragments) {
      expect(errors.get(fragment) ?? [], fragment).toEqual([]);
      // Linted: redocly names each file it validated.
      expect(text).toContain(`${relative(process.cwd(), fragment)}: validated`);
    }
    expect(errors.get(broken)).toEqual([expect.stringMatching(/ error +no-empty-servers /)]);
    expect([...errors.keys()]).toEqual([broken]);
    expect(code).not.toBe(0);
  });

  it("are usable by $ref from a user's API document", async () => {
    const root = mkdtempSync(join(tmpdir(), "statespec-ref-"));
    mkdirSync(join(root, "openstack"));
    cpSync(resolve("out", "openstack", "openapi.yaml"), join(root, "openstack", "openapi.yaml"));
    const user = join(root, "api.yaml");
    writeFileSync(
      user,
      [
        "openapi: 3.1.0",
        "info: { title: My cloud API, version: 1.0.0 }",
        "paths:",
        "  /servers/{id}:",
        "    get:",
        "      parameters:",
        "        - { name: id, in: path, required: true, schema: { type: string } }",
        "      responses:",
        "        '200':",
        "          description: A server's status.",
        "          content:",
        "            application/json:",
        "              schema:",
        "                type: object",
        "                properties:",
        "                  status:",
        "                    $ref: './openstack/openapi.yaml#/components/schemas/ServerStatus'",
        "",
      ].join("\n"),
    );
    const bundled = await SwaggerParser.bundle(user);
    expect(JSON.stringify(bundled)).toContain("SHUTOFF");
    const validated = (await SwaggerParser.validate(user)) as unknown as {
      paths: Record<
        string,
        {
          get: {
            responses: {
              "200": { content: { "application/json": { schema: { properties: { status: { enum: string[] } } } } } };
            };
          };
        }
      >;
    };
    expect(
      validated.paths["/servers/{id}"].get.responses["200"].content["application/json"].schema.properties.status.enum,
    ).toContain("ACTIVE");
  });
});
