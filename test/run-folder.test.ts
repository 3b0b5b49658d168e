// The test run's own temporary folder (test/global-setup.ts): every test's temporary projects are made in it, so the
// run's teardown removes them all. Without it each run left about 1 GB in the system's temporary folder.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, inject, it } from "vitest";

it("tests make their temporary folders in the run's own folder, which the run removes", () => {
  expect(tmpdir()).toBe(join(inject("runFolder"), "tmp"));
  expect(process.env.STATESPEC_TEST_SYSTEM_TMP).toBeTruthy();
  expect(process.env.STATESPEC_TEST_SYSTEM_TMP).not.toBe(tmpdir());
});
