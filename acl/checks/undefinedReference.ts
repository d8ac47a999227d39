/** undefined-reference: a group, tag or host alias used in the policy but never defined. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { destinationTarget, referenceOf, type ReferenceKind } from "../selectors";
import { formatPath, isRecord, member, recordsOf, stringsOf, type StringAt } from "../walk";

/** Where each kind of name is defined. */
const DEFINED_IN: Readonly<Record<ReferenceKind, string>> = { group: "groups", tag: "tagOwners", host: "hosts" };

const GROUPS_AND_TAGS: readonly ReferenceKind[] = ["group", "tag"];
const ALL_KINDS: readonly ReferenceKind[] = ["group", "tag", "host"];
const TAGS: readonly ReferenceKind[] = ["tag"];

/** A list of selectors to check: which kinds of reference count there, and whether entries carry ports. */
interface Use {
    strings: StringAt[];
    kinds: readonly ReferenceKind[];
    withPorts: boolean;
}

function rulesUses(doc: Record<string, unknown>, section: string, dstKinds: readonly ReferenceKind[], dstPorts: boolean): Use[] {
    const uses: Use[] = [];
    for (const { index, record } of recordsOf(member(doc, section))) {
        uses.push({ strings: stringsOf(record.src, [section, index, "src"]), kinds: GROUPS_AND_TAGS, withPorts: false });
        uses.push({ strings: stringsOf(record.dst, [section, index, "dst"]), kinds: dstKinds, withPorts: dstPorts });
        if (section === "grants") {
            uses.push({ strings: stringsOf(record.via, [section, index, "via"]), kinds: TAGS, withPorts: false });
        }
    }
    return uses;
}

function mapOfListsUses(map: unknown, path: ReadonlyArray<string>): Use[] {
    if (!isRecord(map)) return [];
    return Object.entries(map).map(([key, list]) => ({
        strings: stringsOf(list, [...path, key]),
        kinds: GROUPS_AND_TAGS,
        withPorts: false,
    }));
}

function testSource(record: Record<string, unknown>, path: ReadonlyArray<string | number>): StringAt[] {
    return typeof record.src === "string" ? [{ value: record.src, path: [...path, "src"] }] : [];
}

function testsUses(doc: Record<string, unknown>): Use[] {
    const uses: Use[] = [];
    for (const { index, record } of recordsOf(member(doc, "tests"))) {
        uses.push({ strings: testSource(record, ["tests", index]), kinds: TAGS, withPorts: false });
        for (const field of ["accept", "deny"]) {
            uses.push({ strings: stringsOf(record[field], ["tests", index, field]), kinds: TAGS, withPorts: true });
        }
    }
    for (const { index, record } of recordsOf(member(doc, "sshTests"))) {
        uses.push({ strings: testSource(record, ["sshTests", index]), kinds: TAGS, withPorts: false });
        uses.push({ strings: stringsOf(record.dst, ["sshTests", index, "dst"]), kinds: TAGS, withPorts: false });
    }
    return uses;
}

function nodeAttrsUses(doc: Record<string, unknown>): Use[] {
    return recordsOf(member(doc, "nodeAttrs")).map(({ index, record }) => ({
        strings: stringsOf(record.target, ["nodeAttrs", index, "target"]),
        kinds: GROUPS_AND_TAGS,
        withPorts: false,
    }));
}

function recorderUses(doc: Record<string, unknown>): Use[] {
    return recordsOf(member(doc, "ssh")).map(({ index, record }) => ({
        strings: stringsOf(record.recorder, ["ssh", index, "recorder"]),
        kinds: TAGS,
        withPorts: false,
    }));
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
        {
            strings: stringsOf(member(autoApprovers, "exitNode"), ["autoApprovers", "exitNode"]),
            kinds: GROUPS_AND_TAGS,
            withPorts: false,
        },
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
    const findings: PolicyFinding[] = [];
    for (const use of allUses(doc)) {
        for (const entry of use.strings) {
            const reference = referenceOf(use.withPorts ? destinationTarget(entry.value) : entry.value);
            if (reference === undefined || !use.kinds.includes(reference.kind)) continue;
            const names = defined[reference.kind];
            if (names === undefined || names.has(reference.name)) continue;
            findings.push({
                check: "undefined-reference",
                message:
                    `${formatPath(entry.path)} refers to ${reference.kind} ${JSON.stringify(reference.name)}, ` +
                    `which is not defined; define it under ${JSON.stringify(DEFINED_IN[reference.kind])} or correct the name`,
                location: parsed.locate(entry.path),
            });
        }
    }
    return findings;
}
