// The error of a diff side that cannot be read at all: its own module, so the git readers and sides.ts share it.

/** A side that cannot be read: a usage error (exit 2: not a folder nor a ref), or the machine failed (exit 1). */
export class SideError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}
