// One entry per command, in the order help lists them. Adding a command is one file and one line here.
import type { Command } from "../context.js";
import { checkCommand } from "./check.js";
import { diffCommand } from "./diff.js";
import { exportCommand } from "./export.js";
import { generateCommand } from "./generate.js";
import { initCommand } from "./init.js";
import { validate } from "./validate.js";

export const commands: Command[] = [initCommand, validate, generateCommand, exportCommand, diffCommand, checkCommand];
