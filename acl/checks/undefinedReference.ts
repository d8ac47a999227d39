/** undefined-reference: a group, tag or host alias used in the policy but never defined. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { referencedTarget, referenceOf, type Reference, type ReferenceKind } from "../selectors";
import { formatPath, isRecord, member, recordsOf, type JsonPath } from "../walk";

/** Where each kind of name is defined. */
const DEFINED_IN: Readonly<Record<ReferenceKind, string>> = { group: "groups", tag: "tagOwners", host: "hosts" };

const GROUPS_AND_TAGS: readonly ReferenceKind[] = ["group", "tag"];
const ALL_KINDS: readonly ReferenceKind[] = ["group", "tag", "host"];
const TAGS: readonly ReferenceKind[] = ["tag"];

/** A list of selectors to check: which kinds of reference count there, and whether entries carry ports. */
interface Use {
    /** A list of selectors at `path` (single false), or one selector at `path` (single true); non-strings are skipped. */
    values: unknown;
    path: JsonPath;
    single: boolean;
    kinds: readonly ReferenceKind[];
    withPorts: boolean;
}

function rulesUses(doc: Record<string, unknown>, section: string, dstKinds: readonly ReferenceKind[], dstPorts: boolean): Use[] {
    const uses: Use[] = [];
    for (const { index, record } of recordsOf(member(doc, section))) {
        uses.push({ values: record.src, path: [section, index, "src"], single: false, kinds: GROUPS_AND_TAGS, withPorts: false });
        uses.push({ values: record.dst, path: [section, index, "dst"], single: false, kinds: dstKinds, withPorts: dstPorts });
        if (section === "grants") {
            uses.push({ values: record.via, path: [section, index, "via"], single: false, kinds: TAGS, withPorts: false });
        }
    }
    return uses;
}

function mapOfListsUses(map: unknown, path: ReadonlyArray<string>): Use[] {
    if (!isRecord(map)) return [];
    return Object.entries(map).map(([key, list]) => ({ values: list, path: [...path, key], single: false, kinds: GROUPS_AND_TAGS, withPorts: false }));
}

function testsUses(doc: Record<string, unknown>): Use[] {
    const uses: Use[] = [];
    for (const { index, record } of recordsOf(member(doc, "tests"))) {
        uses.push({ values: record.src, path: ["tests", index, "src"], single: true, kinds: TAGS, withPorts: false });
        for (const field of ["accept", "deny"]) {
            uses.push({ values: record[field], path: ["tests", index, field], single: false, kinds: TAGS, withPorts: true });
        }
    }
    for (const { index, record } of recordsOf(member(doc, "sshTests"))) {
        uses.push({ values: record.src, path: ["sshTests", index, "src"], single: true, kinds: TAGS, withPorts: false });
        uses.push({ values: record.dst, path: ["sshTests", index, "dst"], single: false, kinds: TAGS, withPorts: false });
    }
    return uses;
}

function nodeAttrsUses(doc: Record<string, unknown>): Use[] {
    return recordsOf(member(doc, "nodeAttrs")).map(({ index, record }) => ({ values: record.target, path: ["nodeAttrs", index, "target"], single: false, kinds: GROUPS_AND_TAGS, withPorts: false }));
}

function recorderUses(doc: Record<string, unknown>): Use[] {
    return recordsOf(member(doc, "ssh")).map(({ index, record }) => ({ values: record.recorder, path: ["ssh", index, "recorder"], single: false, kinds: TAGS, withPorts: false }));
}

/** Every place a group, tag or host may be referenced. */
function allUses(doc: Record<string, unknown>): Use[] {
    const autoApprovers = member(doc, "autoApprovers");
    return [
        ...rulesUses(doc, "acls", ALL_KINDS, true),
        ...rulesUses(doc, "grants", ALL_KINDS, false),
        ...rulesUses(doc, "ssh", GROUPS_AND_TAGS, false),
        ...mapOfListsUses(member(doc, "tagOwners"), ["tagOwners"]),
        ...mapOfListsUses(member(autoApprovers, "routes"), ["autoApprovers", "routes"]),
        { values: member(autoApprovers, "exitNode"), path: ["autoApprovers", "exitNode"], single: false, kinds: GROUPS_AND_TAGS, withPorts: false },
        ...mapOfListsUses(member(autoApprovers, "services"), ["autoApprovers", "services"]),
        ...nodeAttrsUses(doc),
        ...recorderUses(doc),
        ...testsUses(doc),
    ];
}

/**
 * The names a section defines. An absent section defines nothing; a section of the wrong type
 * gives undefined so its references are not checked (the type problem is reported elsewhere).
 */
function definedNames(doc: Record<string, unknown>, section: string): ReadonlySet<string> | undefined {
    const value = member(doc, section);
    if (value === undefined) return new Set();
    return isRecord(value) ? new Set(Object.keys(value)) : undefined;
}

export function checkUndefinedReference(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const defined: Record<ReferenceKind, ReadonlySet<string> | undefined> = {
        group: definedNames(doc, DEFINED_IN.group),
        tag: definedNames(doc, DEFINED_IN.tag),
        host: definedNames(doc, DEFINED_IN.host),
    };
    // A policy names the same groups, tags and hosts many times over: read each distinct selector once.
    const references = new Map<string, Reference | null>();
    const referenceIn = (text: string, withPorts: boolean): Reference | undefined => {
        const target = withPorts ? referencedTarget(text) : text;
        let reference = references.get(target);
        if (reference === undefined) {
            reference = referenceOf(target) ?? null;
            references.set(target, reference);
        }
        return reference ?? undefined;
    };
    const findings: PolicyFinding[] = [];
    const check = (text: unknown, use: Use, index: number) => {
        if (typeof text !== "string") return;
        const reference = referenceIn(text, use.withPorts);
        if (reference === undefined || !use.kinds.includes(reference.kind)) return;
        const names = defined[reference.kind];
        if (names === undefined || names.has(reference.name)) return;
        // Paths are built only here: most selectors have no finding.
        const path = index < 0 ? use.path : [...use.path, index];
        findings.push({
            check: "undefined-reference",
            message:
                `${formatPath(path)} refers to ${reference.kind} ${JSON.stringify(reference.name)}, ` +
                `which is not defined; define it under ${JSON.stringify(DEFINED_IN[reference.kind])} or correct the name`,
            location: parsed.locate(path),
        });
    };
    for (const use of allUses(doc)) {
        if (use.single) check(use.values, use, -1);
        else if (Array.isArray(use.values)) for (let index = 0; index < use.values.length; index++) check(use.values[index], use, index);
    }
    return findings;
}
