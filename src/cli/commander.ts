import { createRequire } from "node:module";
import type * as Commander from "commander";

// commander is CommonJS. Imported from ESM, Node first lexes its files for named exports, which
// costs ~25 ms of every start (more than commander itself); required, it is simply loaded.
const commander = createRequire(import.meta.url)("commander") as typeof Commander;

export const { Argument, Command, CommanderError, Option } = commander;
export type Argument = Commander.Argument;
export type Command = Commander.Command;
export type CommanderError = Commander.CommanderError;
export type Option = Commander.Option;
