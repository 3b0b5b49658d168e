// How the cross-vendor page orders and labels its rows: differences first, a value by all its spellings.
import { inheritedMark, withMark } from "./derivation-table.js";
import { code } from "./text.js";

/** Rows whose cells differ first, then rows that differ only in inherited marks, then identical ones; stable. */
export function differencesFirst<T extends { cells: string[] }>(rows: T[]): T[] {
  const rank = (row: T) => {
    const distinct = new Set(row.cells);
    const bare = new Set(
      [...distinct].map((cell) => cell.replaceAll(withMark("", inheritedMark), "").replaceAll(inheritedMark, "yes")),
    );
    return bare.size > 1 ? 0 : distinct.size > 1 ? 1 : 2;
  };
  return rows
    .map((row, index) => ({ row, index, rank: rank(row) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.row);
}

export function label(spellings: readonly (string | number)[], names?: string): string {
  return `${spellings.map(code).join(" / ")}${names ? ` ${names}` : ""}`;
}
