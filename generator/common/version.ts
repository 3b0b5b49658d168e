// Written into every generated header: a new generator version changes output on purpose.
export const generatorVersion = "0.1.0";
