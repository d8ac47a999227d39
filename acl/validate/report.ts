/**
 * The state one validation run shares: the parsed policy, the names it defines (built once, so
 * every look-up is O(1)), and the findings gathered so far, with helpers for the common checks.
 */
import type { SelectorContext } from "../grammar/autogroups";
import { jsonTypeOf, type JsonType } from "../grammar/sections";
import type { PolicyCheckId, PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { formatPath, isRecord, type JsonPath } from "../walk";
import { definedNames, ReferenceCheck } from "./references";
import { selectorProblem } from "./selector";
import type { ReferenceKind } from "../selectors";
import { addBounded, setBounded } from "../boundedTable";

const ARTICLE: Readonly<Record<string, string>> = {
    object: "an object",
    list: "a list",
    string: "a string",
    boolean: "a boolean",
    number: "a number",
    null: "null",
};

/** True for the character code of an ASCII digit. */
function isDigit(code: number): boolean {
    return code >= 48 && code <= 57;
}

/** Remembered for a selector without a problem. */
const VALID = Symbol("valid selector");

export class Validation {
    readonly findings: PolicyFinding[] = [];
    /** References to undefined groups, tags and hosts, found along the way (reported by their own check). */
    readonly references: ReferenceCheck;
    /** Names defined under "postures" and "ipsets"; undefined when the section is not an object (then not checked). */
    private readonly postures: ReadonlySet<string> | undefined;
    private readonly ipsets: ReadonlySet<string> | undefined;
    private readonly problems = new Map<string, Map<string, string | typeof VALID>>();
    private readonly valid = new Map<string, Set<string>>();

    constructor(readonly parsed: ParsedPolicy, readonly doc: Record<string, unknown>) {
        this.postures = definedNames(doc, "postures");
        this.ipsets = definedNames(doc, "ipsets");
        this.references = new ReferenceCheck(parsed, doc);
    }

    /** Findings so far, grammar and references: a step that added none found nothing. */
    count(): number {
        return this.findings.length + this.references.findings.length;
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
     * The list `container[key]` (a member of an object, at `parent` + key) when it is a list, recording
     * "wrong-type" when it is not and for each element that is not a string; undefined when it is not
     * a list. The list itself comes back, so element indices stay those of the file: callers skip
     * the elements that are not strings. No path is built unless there is a finding.
     */
    stringList(container: Record<string, unknown>, parent: JsonPath, key: string): unknown[] | undefined {
        const value = container[key];
        if (!Array.isArray(value)) {
            this.expectType(value, [...parent, key], "list");
            return undefined;
        }
        for (let index = 0; index < value.length; index++) {
            const element: unknown = value[index];
            if (typeof element !== "string") this.add("wrong-type", [...parent, key, index], `must be a string, not ${ARTICLE[jsonTypeOf(element)]}`);
        }
        return value;
    }

    /**
     * stringList, then "invalid-value" with the message `problem(text)` for each string element that
     * `valid` refuses. For lists of plain values (prefixes, names, conditions); selectors go through
     * selectorsAt. No path is built unless there is a finding.
     */
    checkStrings(
        container: Record<string, unknown>,
        parent: JsonPath,
        key: string,
        valid: (text: string) => boolean,
        problem: (text: string) => string,
    ): void {
        const list = this.stringList(container, parent, key);
        if (list === undefined) return;
        for (let index = 0; index < list.length; index++) {
            const element: unknown = list[index];
            if (typeof element === "string" && !valid(element)) this.add("invalid-value", pathTo(parent, key, index), problem(element));
        }
    }

    /**
     * Checks each string of `list` (the list at `parent` + `key`) as a selector in `context`, and,
     * given `references`, that the groups, tags or hosts of those kinds it names are defined.
     */
    selectorList(
        list: readonly unknown[] | undefined,
        context: SelectorContext,
        parent: JsonPath,
        key: string,
        references?: readonly ReferenceKind[],
    ): void {
        if (list === undefined) return;
        for (let index = 0; index < list.length; index++) {
            const element: unknown = list[index];
            if (typeof element !== "string") continue;
            this.selector(element, context, parent, key, index);
            if (references !== undefined) this.references.check(element, references, false, parent, key, index);
        }
    }

    /** stringList then selectorList: the common case of a member that is a list of selectors. */
    selectorsAt(
        container: Record<string, unknown>,
        context: SelectorContext,
        parent: JsonPath,
        key: string,
        references?: readonly ReferenceKind[],
    ): unknown[] | undefined {
        const list = this.stringList(container, parent, key);
        this.selectorList(list, context, parent, key, references);
        return list;
    }

    /**
     * Checks one selector in `context`, including that postures and IP sets it names are defined; true
     * when it is valid there. It sits at `parent` + `key` (+ `index` when given): the path is built
     * only for a finding (most selectors have none).
     */
    selector(text: string, context: SelectorContext, parent: JsonPath, key: string | number, index: number = -1): boolean {
        const problem = this.problemOf(text, context);
        if (problem !== undefined) {
            this.add("invalid-selector", pathTo(parent, key, index), problem);
            return false;
        }
        // The selector is valid here, so its prefix says its kind.
        if (text.startsWith("posture:")) this.defined(text, "posture", "postures", this.postures, parent, key, index);
        if (text.startsWith("ipset:")) this.defined(text, "IP set", "ipsets", this.ipsets, parent, key, index);
        return true;
    }

    /**
     * True when `text` was seen valid before in `table` (one table per kind of entry and setting that
     * decides its findings, e.g. test destinations with the test's protocol). With rememberValid, a
     * policy that repeats an entry many times has it checked about once (tables are bounded, see
     * boundedTable.ts): every check of an entry depends only on its text and the run's definitions, so an
     * entry that once gave no finding gives none again.
     */
    knownValid(table: string, text: string): boolean {
        return this.valid.get(table)?.has(text) === true;
    }

    rememberValid(table: string, text: string): void {
        let known = this.valid.get(table);
        if (known === undefined) {
            known = new Set();
            this.valid.set(table, known);
        }
        addBounded(known, text);
    }

    /**
     * selectorProblem, remembered per context for selectors other than tags and groups: a policy names
     * the same users, hosts and addresses many times over, and classifying those costs more than a look-up.
     */
    problemOf(text: string, context: SelectorContext): string | undefined {
        // Tags, groups, logins and IPv4 addresses and prefixes (a digit first, no colon) are quicker to
        // check than to look up (a prefix and a pattern, or a scan of the digits); a policy names
        // thousands of distinct ones, so remembering them would mostly refill the table.
        if (text.startsWith("tag:") || text.startsWith("group:") || text.includes("@") || (isDigit(text.charCodeAt(0)) && !text.includes(":"))) {
            return selectorProblem(text, context);
        }
        return this.remembered(context, text, selectorProblem, context);
    }

    /**
     * `problem(text, context)`, computed once per distinct text while it stays in the (bounded) table
     * `table` (one table per kind of check). Problem functions are pure, and policies repeat the same
     * strings many times over.
     * The context is passed through rather than bound in a closure: no closure per look-up.
     */
    remembered<C>(table: string, text: string, problem: (text: string, context: C) => string | undefined, context: C): string | undefined {
        let known = this.problems.get(table);
        if (known === undefined) {
            known = new Map();
            this.problems.set(table, known);
        }
        const remembered = known.get(text);
        if (remembered !== undefined) return remembered === VALID ? undefined : remembered;
        const found = problem(text, context);
        setBounded(known, text, found ?? VALID);
        return found;
    }

    private defined(name: string, kind: string, section: string, names: ReadonlySet<string> | undefined, parent: JsonPath, key: string | number, index: number): void {
        if (names === undefined || names.has(name)) return;
        const path = pathTo(parent, key, index);
        this.findings.push({
            check: "undefined-reference",
            location: this.parsed.locate(path),
            message: `${formatPath(path)} refers to ${kind} ${JSON.stringify(name)}, which is not defined; define it under ${JSON.stringify(section)} or correct the name`,
        });
    }

    /** Records "unknown-key" for each key of `record` not in `allowed`, suggesting the right spelling when only case differs. */
    keys(record: Record<string, unknown>, path: JsonPath, allowed: readonly string[], what: string): void {
        // for...in rather than Object.keys: no array per record (a parsed policy has no inherited enumerable keys).
        for (const key in record) {
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

    /**
     * Calls `visit` with each entry of the list section `section` that is an object, and its path;
     * records "wrong-type" for the others. The path is one array, updated for each entry: it is valid
     * during the visit only (helpers build a finding's path by copying it, and nothing keeps it), so
     * walking a section of 10,000 rules builds no 10,000 paths.
     */
    eachRecord(list: unknown[], section: string, visit: (record: Record<string, unknown>, path: JsonPath) => void): void {
        const path: [string, number] = [section, 0];
        for (let index = 0; index < list.length; index++) {
            const entry: unknown = list[index];
            path[1] = index;
            if (isRecord(entry)) visit(entry, path);
            else this.expectType(entry, [section, index], "object");
        }
    }
}

/** validTable's names by kind, then by protocol number (0-255). */
const TABLE_NAMES = new Map<string, string[]>();

/**
 * The knownValid table for destinations of one kind whose findings depend on their text and the
 * protocol of their rule or test: one table per protocol.
 */
export function validTable(kind: string, protocol: number | undefined): string {
    if (protocol === undefined) return kind;
    let names = TABLE_NAMES.get(kind);
    if (names === undefined) {
        names = [];
        TABLE_NAMES.set(kind, names);
    }
    // Named once per kind and protocol, not once per destination.
    return (names[protocol] ??= `${kind}/${protocol}`);
}

/** `parent` + `key`, + `index` unless it is negative: the path of a finding. */
export function pathTo(parent: JsonPath, key: string | number, index: number = -1): JsonPath {
    return index < 0 ? [...parent, key] : [...parent, key, index];
}

/** Own property or undefined; null counts as absent, as Tailscale's JSON decoding treats it. */
export function field(record: Record<string, unknown>, key: string): unknown {
    return has(record, key) ? record[key] : undefined;
}

/** True when `record` has `key` as an own property that is not null (Tailscale reads null as absent). */
export function has(record: Record<string, unknown>, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(record, key) && record[key] !== null;
}
