/**
 * The state one validation run shares: the parsed policy, the names it defines (built once, so
 * every look-up is O(1)), and the findings gathered so far, with helpers for the common checks.
 */
import type { SelectorContext } from "../grammar/autogroups";
import type { JsonType } from "../grammar/sections";
import type { PolicyCheckId, PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { NONE, type PolicyTape } from "../tape";
import { formatPath, type JsonPath } from "../walk";
import { definedNames, ReferenceCheck } from "./references";
import { selectorProblem } from "./selector";
import type { ReferenceKind } from "../selectors";
import { setBounded } from "../boundedTable";

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

/** What problemOf knows of a string of the file: 0 nothing yet, or that it is valid, or that it has a problem. */
const VALID_SELECTOR = 1;
const HAS_PROBLEM = 2;

export class Validation {
    readonly findings: PolicyFinding[] = [];
    /** References to undefined groups, tags and hosts, found along the way (reported by their own check). */
    readonly references: ReferenceCheck;
    /** Names defined under "postures" and "ipsets"; undefined when the section is not an object (then not checked). */
    private readonly postures: ReadonlySet<string> | undefined;
    private readonly ipsets: ReadonlySet<string> | undefined;
    /** Problems of texts that are not strings of the file (port lists, grant capabilities), by table then text. */
    private readonly problems = new Map<string, Map<string, string | typeof VALID>>();
    /**
     * What is known of each distinct string of the file as a selector, by context: per string number,
     * 0 (not classified yet), VALID_SELECTOR or HAS_PROBLEM (the problem itself in `selectorProblemTexts`). Each
     * distinct string is classified once per context; a byte per string keeps the tables small.
     */
    private readonly selectorStates = new Map<SelectorContext, Uint8Array>();
    private readonly selectorProblemTexts = new Map<SelectorContext, Map<number, string>>();
    /** Strings of the file seen valid, by table, then by string number. */
    private readonly valid = new Map<string, Uint8Array>();
    /** The string numbers of each list of allowed keys (NONE for a key the file never names). */
    private readonly allowedIds = new Map<readonly string[], Int32Array>();

    constructor(readonly parsed: ParsedPolicy, readonly tape: PolicyTape) {
        this.postures = definedNames(tape, "postures");
        this.ipsets = definedNames(tape, "ipsets");
        this.references = new ReferenceCheck(parsed, tape);
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

    /** True when object `record` has `key` with a value other than null (Tailscale reads null as absent). */
    has(record: number, key: string): boolean {
        return this.tape.field(record, key) !== NONE;
    }

    /** expectType for the member `key` of `record` under `path`: the member's path is built only for a finding. */
    expectMember(record: number, path: JsonPath, key: string, type: JsonType): boolean {
        const value = this.tape.member(record, key);
        return (value !== NONE && this.tape.jsonType(value) === type) || this.expectType(value, [...path, key], type);
    }

    /** True when value `n` has JSON type `type`; otherwise records "wrong-type". */
    expectType(n: number, path: JsonPath, type: JsonType): boolean {
        const actual = n === NONE ? "null" : this.tape.jsonType(n);
        if (actual === type) return true;
        this.add("wrong-type", path, `must be ${ARTICLE[type]}, not ${ARTICLE[actual]}`);
        return false;
    }

    /**
     * The list that is member `key` of `container` (at `parent` + key) when it is a list, recording
     * "wrong-type" when it is not and for each element that is not a string; NONE when it is not a
     * list. Callers skip the elements that are not strings, keeping the file's indices. No path is
     * built unless there is a finding.
     */
    stringList(container: number, parent: JsonPath, key: string): number {
        return this.stringListValue(this.tape.member(container, key), parent, key);
    }

    /** stringList given the member's value `list` (an object member's value is its member: no look-up by key). */
    stringListValue(list: number, parent: JsonPath, key: string): number {
        const tape = this.tape;
        if (!tape.isArray(list)) {
            this.expectType(list, [...parent, key], "list");
            return NONE;
        }
        for (let element = tape.first(list), index = 0; element !== NONE; element = tape.next(element), index++) {
            if (!tape.isString(element)) this.add("wrong-type", [...parent, key, index], `must be a string, not ${ARTICLE[tape.jsonType(element)]}`);
        }
        return list;
    }

    /**
     * stringList, then "invalid-value" with the message `problem(text)` for each string element that
     * `valid` refuses. For lists of plain values (prefixes, names, conditions); selectors go through
     * selectorsAt. No path is built unless there is a finding.
     */
    checkStrings(container: number, parent: JsonPath, key: string, valid: (text: string) => boolean, problem: (text: string) => string): void {
        this.checkStringsValue(this.tape.member(container, key), parent, key, valid, problem);
    }

    /** checkStrings given the member's value `value`. */
    checkStringsValue(value: number, parent: JsonPath, key: string, valid: (text: string) => boolean, problem: (text: string) => string): void {
        const tape = this.tape;
        const list = this.stringListValue(value, parent, key);
        for (let element = tape.first(list), index = 0; element !== NONE; element = tape.next(element), index++) {
            if (tape.isString(element) && !valid(tape.string(element))) this.add("invalid-value", pathTo(parent, key, index), problem(tape.string(element)));
        }
    }

    /**
     * Checks each string of `list` (the list at `parent` + `key`, or NONE) as a selector in `context`,
     * and, given `references`, that the groups, tags or hosts of those kinds it names are defined.
     */
    selectorList(list: number, context: SelectorContext, parent: JsonPath, key: string, references?: readonly ReferenceKind[]): void {
        const tape = this.tape;
        for (let element = tape.first(list), index = 0; element !== NONE; element = tape.next(element), index++) {
            if (!tape.isString(element)) continue;
            const text = tape.string(element);
            this.selector(text, tape.stringId(element), context, parent, key, index);
            if (references !== undefined) this.references.check(text, tape.stringId(element), references, false, parent, key, index);
        }
    }

    /** stringList then selectorList: the common case of a member that is a list of selectors. Returns the list, or NONE. */
    selectorsAt(container: number, context: SelectorContext, parent: JsonPath, key: string, references?: readonly ReferenceKind[]): number {
        const list = this.stringList(container, parent, key);
        this.selectorList(list, context, parent, key, references);
        return list;
    }

    /**
     * Checks one selector in `context`, including that postures and IP sets it names are defined; true
     * when it is valid there. `id` is its string number when it is a string of the file (NONE for
     * a part of one, such as a destination's target). It sits at `parent` + `key` (+ `index` when
     * given): the path is built only for a finding (most selectors have none).
     */
    selector(text: string, id: number, context: SelectorContext, parent: JsonPath, key: string | number, index: number = -1): boolean {
        const problem = this.problemOf(text, id, context);
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
     * True when string number `id` was seen valid before in `table` (one table per kind of entry and
     * setting that decides its findings, e.g. test destinations with the test's protocol): every
     * check of an entry depends only on its text and the run's definitions, so an entry that once gave
     * no finding gives none again, and a policy that repeats an entry has it checked once.
     */
    knownValid(table: string, id: number): boolean {
        return this.valid.get(table)?.[id] === 1;
    }

    rememberValid(table: string, id: number): void {
        let known = this.valid.get(table);
        if (known === undefined) {
            known = new Uint8Array(this.tape.names.count);
            this.valid.set(table, known);
        }
        known[id] = 1;
    }

    /**
     * selectorProblem, computed once per distinct string of the file and context (a policy names the
     * same users, groups and hosts many times over); texts that are parts of strings (`id` NONE) go
     * through the bounded table of remembered().
     */
    problemOf(text: string, id: number, context: SelectorContext): string | undefined {
        if (id === NONE) return this.remembered(context, text, selectorProblem, context);
        let states = this.selectorStates.get(context);
        if (states === undefined) {
            states = new Uint8Array(this.tape.names.count);
            this.selectorStates.set(context, states);
        }
        const state = states[id];
        if (state === VALID_SELECTOR) return undefined;
        if (state === HAS_PROBLEM) return this.selectorProblemTexts.get(context)?.get(id);
        const found = selectorProblem(text, context);
        if (found === undefined) {
            states[id] = VALID_SELECTOR;
        } else {
            states[id] = HAS_PROBLEM;
            let problems = this.selectorProblemTexts.get(context);
            if (problems === undefined) this.selectorProblemTexts.set(context, (problems = new Map()));
            problems.set(id, found);
        }
        return found;
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

    /** Records "unknown-key" for each key of object `record` not in `allowed`, suggesting the right spelling when only case differs. */
    keys(record: number, path: JsonPath, allowed: readonly string[], what: string): void {
        const tape = this.tape;
        const ids = this.idsOf(allowed);
        for (let member = tape.first(record); member !== NONE; member = tape.next(member)) {
            if (includesId(ids, tape.keyId(member))) continue;
            const key = tape.key(member);
            const sameLetters = allowed.find((known) => known.toLowerCase() === key.toLowerCase());
            const fix =
                sameLetters !== undefined
                    ? `write it as ${JSON.stringify(sameLetters)} (exact case, so every tool reads it)`
                    : `${what} may have ${allowed.map((k) => JSON.stringify(k)).join(", ")}`;
            this.add("unknown-key", [...path, key], `unknown key ${JSON.stringify(key)}; ${fix}`);
        }
    }

    /** The string numbers of `allowed` (compared with a member's key number: no string comparison per key). */
    private idsOf(allowed: readonly string[]): Int32Array {
        let ids = this.allowedIds.get(allowed);
        if (ids === undefined) {
            ids = Int32Array.from(allowed, (key) => this.tape.names.idOf(key));
            this.allowedIds.set(allowed, ids);
        }
        return ids;
    }

    /** True when `record` has `key`; otherwise records "missing-field" at the record. */
    requires(record: number, path: JsonPath, key: string, hint: string): boolean {
        if (this.has(record, key)) return true;
        this.add("missing-field", path, `is missing ${JSON.stringify(key)}; ${hint}`);
        return false;
    }

    /**
     * Calls `visit` with each entry of the list section `section` that is an object, and its path;
     * records "wrong-type" for the others. The path is one array, updated for each entry: it is valid
     * during the visit only (helpers build a finding's path by copying it, and nothing keeps it), so
     * walking a section of 10,000 rules builds no 10,000 paths.
     */
    eachRecord(list: number, section: string, visit: (record: number, path: JsonPath) => void): void {
        const tape = this.tape;
        const path: [string, number] = [section, 0];
        for (let entry = tape.first(list), index = 0; entry !== NONE; entry = tape.next(entry), index++) {
            path[1] = index;
            if (tape.isObject(entry)) visit(entry, path);
            else this.expectType(entry, [section, index], "object");
        }
    }
}

/** True when `ids` holds `id` (a loop: the lists are a handful of keys long). */
function includesId(ids: Int32Array, id: number): boolean {
    for (let i = 0; i < ids.length; i++) if (ids[i] === id) return true;
    return false;
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
