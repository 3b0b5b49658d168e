// The OpenAPI status filter (ServerStatusFilter) held against Nova's filter as the generated modules implement it:
// a status is accepted in any case exactly when statesForStatus selects something with it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import SwaggerParser from "@apidevtools/swagger-parser";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const vendors = ["openstack", "rackspace", "huawei-ecs"];

function filterSchema(vendor: string): object {
  const document = parse(readFileSync(join("out", vendor, "openapi.yaml"), "utf8")) as {
    components: { schemas: { ServerStatusFilter: object } };
  };
  return document.components.schemas.ServerStatusFilter;
}

describe("ServerStatusFilter", () => {
  it("accepts active, Active and ACTIVE, and refuses a status that selects nothing", () => {
    const accepts = new Ajv2020({ strict: true }).compile(filterSchema("openstack"));
    for (const status of ["active", "Active", "ACTIVE", "aCtIvE", "hard_reboot", "Shutoff"])
      expect(accepts(status), status).toBe(true);
    // UNKNOWN is a status, but a fixed one that no row gives: Nova answers 400.
    for (const status of ["UNKNOWN", "unknown", "NOPE", "", " ACTIVE", "ACTIVE\n", "ACTIVE|BUILD", "active2"])
      expect(accepts(status), JSON.stringify(status)).toBe(false);
  });

  it.each(vendors)(
    "%s: accepts a case variant exactly when statesForStatus selects servers with it",
    async (vendor) => {
      const module = (await import(pathToFileURL(join("out", vendor, "index.ts")).href)) as {
        serverStatuses: readonly string[];
        statesForStatus(status: string): unknown;
      };
      const accepts = new Ajv2020({ strict: true }).compile(filterSchema(vendor));
      const capitalized = (status: string) => status.charAt(0) + status.slice(1).toLowerCase();
      const variants = module.serverStatuses.flatMap((status) => {
        const lower = status.toLowerCase();
        // The Kelvin sign lower-cases to k in Python and JavaScript alike; the long s stays itself (Nova: 400).
        return [
          status,
          lower,
          capitalized(status),
          lower.replace(/k/g, "\u212a"),
          lower.replace(/s/g, "\u017f"),
          `${status}.`,
        ];
      });
      const disagree = variants.filter(
        (variant) => accepts(variant) !== (module.statesForStatus(variant) !== undefined),
      );
      expect(disagree).toEqual([]);
      expect(variants.filter((variant) => accepts(variant)).length).toBeGreaterThan(module.serverStatuses.length);
    },
  );

  it("only the Kelvin sign, outside ASCII, has an ASCII letter for lower case (the premise of the patterns)", () => {
    const found: string[] = [];
    for (let point = 0x80; point <= 0x10ffff; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      if (/^[a-z]$/.test(String.fromCodePoint(point).toLowerCase())) found.push(point.toString(16));
    }
    expect(found).toEqual(["212a"]);
  });
});

describe("the linter placeholders the fragment carries", () => {
  it("swagger-parser still refuses an OpenAPI 3.1 document without paths, so paths: {} is still needed", async () => {
    const document = parse(readFileSync(join("out", "openstack", "openapi.yaml"), "utf8")) as Record<string, unknown>;
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    delete document.paths;
    await expect(SwaggerParser.validate(document as never)).rejects.toThrow(/not a valid Openapi API definition/);
  });
});
