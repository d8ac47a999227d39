/**
 * Defensive reading of a policy's token tape (acl/tape.ts), and JSON paths for messages. The checks
 * only look at sections with the expected shape; anything else is skipped (validating section types
 * is a separate concern).
 */

import { NONE, type PolicyTape } from "./tape";

export type JsonPath = ReadonlyArray<string | number>;

/** A string found in the policy and the JSON path to it. */
export interface StringAt {
    value: string;
    path: JsonPath;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A readable path for messages: `acls[2].dst[0]`, `tagOwners["tag:server"][1]`. */
export function formatPath(path: JsonPath): string {
    let out = "";
    for (const segment of path) {
        if (typeof segment === "number") out += `[${segment}]`;
        else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
        else out += `[${JSON.stringify(segment)}]`;
    }
    return out;
}

/**
 * Calls `visit` with each element of the tape list `list` that is an object, and its index; nothing
 * if `list` is not a list (or NONE).
 */
export function forEachObject(tape: PolicyTape, list: number, visit: (record: number, index: number) => void): void {
    if (!tape.isArray(list)) return;
    for (let element = tape.first(list), index = 0; element !== NONE; element = tape.next(element), index++) {
        if (tape.isObject(element)) visit(element, index);
    }
}

/** The string elements of the tape list `list`, without their paths; none if it is not a list. */
export function stringValues(tape: PolicyTape, list: number): string[] {
    const out: string[] = [];
    if (!tape.isArray(list)) return out;
    for (let element = tape.first(list); element !== NONE; element = tape.next(element)) if (tape.isString(element)) out.push(tape.string(element));
    return out;
}

/** True when the tape list `list` contains the string `value`. */
export function listHas(tape: PolicyTape, list: number, value: string): boolean {
    return listHasId(tape, list, tape.names.idOf(value));
}

/** True when `n` is a string value numbered `id` (tape.names.idOf); false for NONE, and for an id of NONE. */
export function isStringId(tape: PolicyTape, n: number, id: number): boolean {
    return tape.isString(n) && tape.stringId(n) === id;
}

/** listHas for a string looked up once: true when the tape list `list` contains the string numbered `id`. */
export function listHasId(tape: PolicyTape, list: number, id: number): boolean {
    if (id === NONE || !tape.isArray(list)) return false;
    for (let element = tape.first(list); element !== NONE; element = tape.next(element)) if (isStringId(tape, element, id)) return true;
    return false;
}

/**
 * The string elements of the tape list `list` for which `keep` holds, each quoted as JSON and joined
 * by ", " (for messages); "" when there are none. Builds nothing for a list with none to keep.
 */
export function quotedStrings(tape: PolicyTape, list: number, keep: (value: string) => boolean): string {
    let quoted = "";
    if (!tape.isArray(list)) return quoted;
    for (let element = tape.first(list); element !== NONE; element = tape.next(element)) {
        if (!tape.isString(element)) continue;
        const value = tape.string(element);
        if (keep(value)) quoted += quoted === "" ? JSON.stringify(value) : `, ${JSON.stringify(value)}`;
    }
    return quoted;
}
