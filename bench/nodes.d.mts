// Types of bench/nodes.mjs for the tests that import it.
export declare const benchedMajors: string[];
export declare function nodeBinary(major: string, root: string): string | undefined;
export declare function mergeTables(block: string, tables: Map<string, string>): string;
