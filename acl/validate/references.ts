/**
 * undefined-reference, checked during the grammar pass: a group, tag or host alias named in the
 * policy but never defined. The grammar pass visits every selector anyway; checking references
 * there spares the policy a second walk. Its findings are kept apart from the grammar's and follow
 * them (checkGrammarAndReferences), with their own check id.
 */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { referencedTarget, referenceOf, type Reference, type ReferenceKind } from "../selectors";
import { NONE, type PolicyTape } from "../tape";
import { formatPath, type JsonPath } from "../walk";

/** Where each kind of name is defined. */
const DEFINED_IN: Readonly<Record<ReferenceKind, string>> = { group: "groups", tag: "tagOwners", host: "hosts" };

/** The kinds of reference each place checks: groups and tags in sources and owner lists, tags alone where only tags belong. */
export const GROUPS_AND_TAGS: readonly ReferenceKind[] = ["group", "tag"];
export const ALL_KINDS: readonly ReferenceKind[] = ["group", "tag", "host"];
export const TAGS: readonly ReferenceKind[] = ["tag"];

/**
 * The names a section defines. An absent section defines nothing; a section of the wrong type
 * gives undefined so its references are not checked (the type problem is reported elsewhere).
 */
export function definedNames(tape: PolicyTape, section: string): ReadonlySet<string> | undefined {
    const value = tape.member(0, section);
    if (value === NONE) return new Set();
    if (!tape.isObject(value)) return undefined;
    const names = new Set<string>();
    for (let member = tape.first(value); member !== NONE; member = tape.next(member)) names.add(tape.key(member));
    return names;
}

/** Bit of each kind in DefinedReferences' table. */
const KIND_BIT: Readonly<Record<ReferenceKind, number>> = { group: 1, tag: 2, host: 4 };

/**
 * The groups, tags and host aliases a policy defines, by string number: one byte per string of the
 * file, a bit per kind, so a selector the file writes whole is checked without reading its text.
 */
class DefinedReferences {
    private readonly bits: Uint8Array;
    /** Kinds whose section has the wrong type: their references are not checked. */
    private unreadable = 0;

    constructor(private readonly tape: PolicyTape) {
        this.bits = new Uint8Array(tape.names.count);
        for (const kind of ["group", "tag", "host"] as const) {
            const section = tape.member(0, DEFINED_IN[kind]);
            if (section === NONE) continue;
            if (!tape.isObject(section)) {
                this.unreadable |= KIND_BIT[kind];
                continue;
            }
            for (let member = tape.first(section); member !== NONE; member = tape.next(member)) this.bits[tape.keyId(member)] |= KIND_BIT[kind];
        }
    }

    /** True when references of `kind` can be checked (its section is absent or an object). */
    checkable(kind: ReferenceKind): boolean {
        return (this.unreadable & KIND_BIT[kind]) === 0;
    }

    /** True when the string numbered `id` is defined as a `kind`. */
    hasId(kind: ReferenceKind, id: number): boolean {
        return id !== NONE && (this.bits[id] & KIND_BIT[kind]) !== 0;
    }

    /** True when `name` is defined as a `kind` (a name the file may not hold as a string of its own). */
    has(kind: ReferenceKind, name: string): boolean {
        return this.hasId(kind, this.tape.names.find(name));
    }
}

export class ReferenceCheck {
    readonly findings: PolicyFinding[] = [];
    private readonly defined: DefinedReferences;
    /**
     * The reference of each distinct selector read without ports, and with ("tag:db:5432" names
     * tag:db), by string number; null for none. Only selectors other than tags, groups, users and
     * autogroups are looked up here (hosts, addresses, "*"), so the tables stay small.
     */
    private readonly plain = new Map<number, Reference | null>();
    private readonly ported = new Map<number, Reference | null>();

    constructor(private readonly parsed: ParsedPolicy, tape: PolicyTape) {
        this.defined = new DefinedReferences(tape);
    }

    /**
     * Reports `text` (a string of the policy, number `id`) when it names an undefined group, tag or
     * host of one of `kinds`; `withPorts` for a "target:ports" destination. It sits at `parent` +
     * `key` (+ `index` when not negative): the path is built only for a finding.
     */
    check(text: string, id: number, kinds: readonly ReferenceKind[], withPorts: boolean, parent: JsonPath, key: string | number, index: number): void {
        const reference = this.undefinedIn(text, id, kinds, withPorts);
        if (reference === undefined) return;
        const path = index < 0 ? [...parent, key] : [...parent, key, index];
        this.findings.push({
            check: "undefined-reference",
            message:
                `${formatPath(path)} refers to ${reference.kind} ${JSON.stringify(reference.name)}, ` +
                `which is not defined; define it under ${JSON.stringify(DEFINED_IN[reference.kind])} or correct the name`,
            location: this.parsed.locate(path),
        });
    }

    private referenceIn(text: string, id: number, withPorts: boolean): Reference | undefined {
        const known = withPorts ? this.ported : this.plain;
        let reference = known.get(id);
        if (reference === undefined) {
            reference = referenceOf(withPorts ? referencedTarget(text) : text) ?? null;
            known.set(id, reference);
        }
        return reference ?? undefined;
    }

    /** The reference `text` makes to an undefined name of one of `kinds`, if it makes one. */
    private undefinedIn(text: string, id: number, kinds: readonly ReferenceKind[], withPorts: boolean): Reference | undefined {
        // Most selectors are tags and groups, which name themselves (with ports, up to the colon after
        // the name: referencedTarget), or users and autogroups, which name nothing to define: no look-up
        // of the selector, and no Reference unless the name is undefined.
        const kind: ReferenceKind | undefined = text.startsWith("tag:") ? "tag" : text.startsWith("group:") ? "group" : undefined;
        const defined = this.defined;
        if (kind !== undefined) {
            if (!kinds.includes(kind) || !defined.checkable(kind)) return undefined;
            const name = withPorts ? referencedTarget(text) : text;
            if (name === text ? defined.hasId(kind, id) : defined.has(kind, name)) return undefined;
            return referenceOf(name);
        }
        if (!withPorts && (text.startsWith("autogroup:") || text.includes("@"))) return undefined;
        const reference = this.referenceIn(text, id, withPorts);
        if (reference === undefined || !kinds.includes(reference.kind) || !defined.checkable(reference.kind)) return undefined;
        return defined.has(reference.kind, reference.name) ? undefined : reference;
    }
}
