/**
 * The state one validation run shares: the parsed policy, the names it defines (built once, so
 * every look-up is O(1)), and the findings gathered so far, with helpers for the common checks.
 */
import type { SelectorContext } from "../grammar/autogroups";
import { jsonTypeOf, type JsonType } from "../grammar/sections";
import type { PolicyCheckId, PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { formatPath, isRecord, ListString, type JsonPath, type StringAt } from "../walk";
import { selectorProblem } from "./selector";

const ARTICLE: Readonly<Record<string, string>> = {
    object: "an object",
    list: "a list",
    string: "a string",
    boolean: "a boolean",
    number: "a number",
    null: "null",
};

/** Remembered for a selector without a problem. */
const VALID = Symbol("valid selector");

function namesOf(value: unknown): ReadonlySet<string> | undefined {
    return isRecord(value) ? new Set(Object.keys(value)) : undefined;
}

export class Validation {
    readonly findings: PolicyFinding[] = [];
    /** Names defined under "postures" and "ipsets"; undefined when the section is not an object (then not checked). */
    private readonly postures: ReadonlySet<string> | undefined;
    private readonly ipsets: ReadonlySet<string> | undefined;
    private readonly problems = new Map<string, Map<string, string | typeof VALID>>();

    constructor(readonly parsed: ParsedPolicy, readonly doc: Record<string, unknown>) {
        this.postures = doc.postures === undefined ? new Set() : namesOf(doc.postures);
        this.ipsets = doc.ipsets === undefined ? new Set() : namesOf(doc.ipsets);
    }

    /** Records a finding at `path`; the message starts with the readable path. */
    add(check: PolicyCheckId, path: JsonPath, message: string): void {
        const where = formatPath(path);
        this.findings.push({ check, message: where === "" ? message : `${where}: ${message}`, location: this.parsed.locate(path) });
    }

    /** expectType for `record[key]` under `path`: the member's path is built only for a finding. */
    expectMember(record: Record<string, unknown>, path: JsonPath, key: string, type: JsonType): boolean {
        const value = record[key];
        return jsonTypeOf(value) === type || this.expectType(value, [...path, key], type);
    }

    /** True when `value` has JSON type `type`; otherwise records "wrong-type". */
    expectType(value: unknown, path: JsonPath, type: JsonType): boolean {
        const actual = jsonTypeOf(value);
        if (actual === type) return true;
        this.add("wrong-type", path, `must be ${ARTICLE[type]}, not ${ARTICLE[actual]}`);
        return false;
    }

    /**
     * The strings of a list, with their paths; records "wrong-type" for a value that is not a list
     * and for each element that is not a string. Undefined when the value is not a list.
     */
    strings(value: unknown, path: JsonPath): StringAt[] | undefined {
        if (!this.expectType(value, path, "list")) return undefined;
        const list = value as unknown[];
        const out: StringAt[] = [];
        for (let index = 0; index < list.length; index++) {
            const element = list[index];
            if (typeof element === "string") out.push(new ListString(element, path, index));
            else this.add("wrong-type", [...path, index], `must be a string, not ${ARTICLE[jsonTypeOf(element)]}`);
        }
        return out;
    }

    /** Checks each string as a selector in `context`, including that postures and IP sets it names are defined. */
    selectors(entries: readonly StringAt[], context: SelectorContext): void {
        // The entry, not its path: a path is built only for a finding (most selectors have none).
        for (const entry of entries) this.selector(entry.value, entry, context);
    }

    /** Checks one selector at `at` (a path, or a string whose path is built on demand); returns true when it is valid there. */
    selector(text: string, at: JsonPath | StringAt, context: SelectorContext): boolean {
        const problem = this.problemOf(text, context);
        if (problem !== undefined) {
            this.add("invalid-selector", pathOf(at), problem);
            return false;
        }
        // The selector is valid here, so its prefix says its kind.
        if (text.startsWith("posture:")) this.defined(text, at, "posture", "postures", this.postures);
        if (text.startsWith("ipset:")) this.defined(text, at, "IP set", "ipsets", this.ipsets);
        return true;
    }

    /** selectorProblem, remembered per context: a policy names the same groups, tags and users many times over. */
    problemOf(text: string, context: SelectorContext): string | undefined {
        return this.remembered(context, text, (t) => selectorProblem(t, context));
    }

    /**
     * `problem(text)`, computed once per distinct text for the table `table` (one table per kind of
     * check). Problem functions are pure, and policies repeat the same strings many times over.
     */
    remembered(table: string, text: string, problem: (text: string) => string | undefined): string | undefined {
        let known = this.problems.get(table);
        if (known === undefined) {
            known = new Map();
            this.problems.set(table, known);
        }
        const remembered = known.get(text);
        if (remembered !== undefined) return remembered === VALID ? undefined : remembered;
        const found = problem(text);
        known.set(text, found ?? VALID);
        return found;
    }

    private defined(name: string, at: JsonPath | StringAt, kind: string, section: string, names: ReadonlySet<string> | undefined): void {
        if (names === undefined || names.has(name)) return;
        const path = pathOf(at);
        this.findings.push({
            check: "undefined-reference",
            location: this.parsed.locate(path),
            message: `${formatPath(path)} refers to ${kind} ${JSON.stringify(name)}, which is not defined; define it under ${JSON.stringify(section)} or correct the name`,
        });
    }

    /** Records "unknown-key" for each key of `record` not in `allowed`, suggesting the right spelling when only case differs. */
    keys(record: Record<string, unknown>, path: JsonPath, allowed: readonly string[], what: string): void {
        for (const key of Object.keys(record)) {
            if (allowed.includes(key)) continue;
            const sameLetters = allowed.find((known) => known.toLowerCase() === key.toLowerCase());
            const fix =
                sameLetters !== undefined
                    ? `write it as ${JSON.stringify(sameLetters)} (exact case, so every tool reads it)`
                    : `${what} may have ${allowed.map((k) => JSON.stringify(k)).join(", ")}`;
            this.add("unknown-key", [...path, key], `unknown key ${JSON.stringify(key)}; ${fix}`);
        }
    }

    /** True when `record` has `key`; otherwise records "missing-field" at the record. */
    requires(record: Record<string, unknown>, path: JsonPath, key: string, hint: string): boolean {
        if (has(record, key)) return true;
        this.add("missing-field", path, `is missing ${JSON.stringify(key)}; ${hint}`);
        return false;
    }

    /** The entries of a list section that are objects, recording "wrong-type" for the others. */
    records(list: unknown[], path: JsonPath): Array<{ record: Record<string, unknown>; path: JsonPath }> {
        const out: Array<{ record: Record<string, unknown>; path: JsonPath }> = [];
        for (let index = 0; index < list.length; index++) {
            const entry = list[index];
            if (isRecord(entry)) out.push({ record: entry, path: [...path, index] });
            else this.expectType(entry, [...path, index], "object");
        }
        return out;
    }
}

function pathOf(at: JsonPath | StringAt): JsonPath {
    return Array.isArray(at) ? at : (at as StringAt).path;
}

/** Own property or undefined; null counts as absent, as Tailscale's JSON decoding treats it. */
export function field(record: Record<string, unknown>, key: string): unknown {
    return has(record, key) ? record[key] : undefined;
}

/** True when `record` has `key` as an own property that is not null (Tailscale reads null as absent). */
export function has(record: Record<string, unknown>, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(record, key) && record[key] !== null;
}
