// What each language calls a vendor's generated code, derived from its id: one module, read by the emitters (through
// emit/names.ts) and by validate's name-collision check, so the check sees exactly the names the emitters write.

/**
 * The Python package of a vendor: its id in lower case, every run of other characters than letters and digits
 * as '_', then `_states` (`huawei-ecs` -> huawei_ecs_states). The suffix keeps it clear of keywords and of other
 * packages (openstacksdk is `openstack`); a vendor id starts with a letter, so the name does too.
 */
export function pythonPackage(vendorId: string): string {
  return `${vendorId.toLowerCase().replace(/[^a-z0-9]+/g, "_")}_states`;
}

/**
 * The Go package of a vendor: its id in lower case without other characters than letters and digits, then
 * `states` (`huawei-ecs` -> huaweiecsstates). The suffix keeps it clear of keywords, predeclared names and
 * gophercloud's `openstack`; a vendor id starts with a letter, so the name does too.
 */
export function goPackage(vendorId: string): string {
  return `${vendorId.toLowerCase().replace(/[^a-z0-9]/g, "")}states`;
}

/**
 * A vendor's module path: `statespec.invalid/` and the package name. `.invalid` is reserved (RFC 2606): the path can
 * never resolve, so `go get` never fetches someone else's module under it; users `replace` it with the folder.
 */
export function goModulePath(vendorId: string): string {
  return `statespec.invalid/${goPackage(vendorId)}`;
}

/**
 * The Java package of a vendor: the Go package under `statespec.` (`huawei-ecs` -> statespec.huaweiecsstates). Both
 * segments are lower-case letters and digits starting with a letter, as checkstyle's Google PackageName wants, and
 * the `states` suffix keeps the second one clear of every Java keyword and literal (`int`, `enum`, `true`).
 */
export function javaPackage(vendorId: string): string {
  return `statespec.${goPackage(vendorId)}`;
}

/**
 * The Rust crate of a vendor: its Python package name (`huawei-ecs` -> huawei_ecs_states), which is a crate
 * name and its own library name as it is; the suffix keeps it clear of keywords and of the `openstack` crate.
 */
export function rustCrate(vendorId: string): string {
  return pythonPackage(vendorId);
}

/** One name a vendor's generated code goes by: what it names (`Go module`) and the name. */
export interface VendorName {
  what: "output folder" | "Python package" | "Go module" | "Rust crate" | "Java package";
  name: string;
}

/**
 * Every name of a vendor's output that no other vendor of a project may share: its output folder (every artifact's,
 * the TypeScript module's among them), and the package, module or crate of each language. Two vendors share a name
 * when the names are equal in lower case: each is also a folder, and file systems that ignore case are common.
 */
export function vendorNames(vendorId: string): VendorName[] {
  return [
    { what: "output folder", name: vendorId },
    { what: "Python package", name: pythonPackage(vendorId) },
    { what: "Go module", name: goModulePath(vendorId) },
    { what: "Rust crate", name: rustCrate(vendorId) },
    { what: "Java package", name: javaPackage(vendorId) },
  ];
}
