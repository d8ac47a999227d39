/**
 * Reading a policy file for `audit` and `matrix`: an unreadable file or one that does not parse is a
 * usage error (exit 2) whose message lists every syntax error at `file:line:col`.
 */
import * as fs from "fs";
import { formatLocation, parsePolicy, type ParsedPolicy } from "../acl";

export class PolicyInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyInputError";
    }
}

export function readPolicyFile(file: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new PolicyInputError(`cannot read policy file ${file}: ${(error as Error).message}`);
    }
}

/** Parses policy text; throws PolicyInputError listing the syntax errors when it does not parse. */
export function parsePolicyOrThrow(text: string, file: string): ParsedPolicy {
    const parsed = parsePolicy(text, file);
    if (parsed.errors.length > 0) {
        const lines = parsed.errors.map((e) => (e.location ? `${formatLocation(e.location)}: ${e.message}` : `${file}: ${e.message}`));
        throw new PolicyInputError(`${file} is not a valid policy file:\n${lines.join("\n")}`);
    }
    return parsed;
}
