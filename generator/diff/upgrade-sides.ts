// What the upgrade attribution (upgrade.ts) needs of the two sides: their shipped specs' versions and which of
// their documents are shipped ones; or, where the base cannot tell, the note that an upgrade goes unseen.
import { join, resolve } from "node:path";
import { shippedSpecFolder } from "../common/package-root.js";
import { isWithin } from "../common/paths.js";
import { shippedRecordFolder } from "../load/shipped-record.js";
import type { Side } from "./sides.js";
import type { UpgradeSides } from "./upgrade.js";

const within = (folder: string, cwd: string) => (file: string) => {
  if (file.startsWith("statespec:builtin/")) return folder === shippedSpecFolder();
  const full = resolve(cwd, file);
  return full !== folder && isWithin(folder, full);
};

/** What the diff does about the shipped specs: attribute an upgrade, say it cannot be seen, or nothing. */
export type UpgradeView = { sides: UpgradeSides } | { note: string } | { none: true };

export function upgradeSides(base: Side, head: Side, cwd: string): UpgradeView {
  if (!base.shipped || !head.shipped || !base.model || !head.model) return { none: true };
  if (base.shipped.from === "installed") {
    if (base.shipped.refWithoutRecord) {
      return {
        note:
          `${base.label} has no record of the shipped specs (${shippedRecordFolder}/ in the output folder); ` +
          "both sides read the installed statespec's, so a statespec upgrade is not seen",
      };
    }
    return { none: true };
  }
  const headVersion = head.shipped.from === "installed" ? head.shipped.version : (head.shipped.version ?? "(unknown)");
  const headShipped =
    head.shipped.from === "installed" ? shippedSpecFolder() : join(head.config.out, shippedRecordFolder);
  return {
    sides: {
      base: {
        model: base.model,
        ...(base.shipped.version !== undefined && { version: base.shipped.version }),
        shipped: within(join(base.config.out, shippedRecordFolder), cwd),
      },
      head: { model: head.model, version: headVersion, shipped: within(headShipped, cwd) },
    },
  };
}
