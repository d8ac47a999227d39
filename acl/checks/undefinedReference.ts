/** undefined-reference: a group, tag or host alias used in the policy but never defined. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { referencedTarget, referenceOf, type Reference, type ReferenceKind } from "../selectors";
import { formatPath, isRecord, member, type JsonPath } from "../walk";

/** Where each kind of name is defined. */
const DEFINED_IN: Readonly<Record<ReferenceKind, string>> = { group: "groups", tag: "tagOwners", host: "hosts" };

const GROUPS_AND_TAGS: readonly ReferenceKind[] = ["group", "tag"];
const ALL_KINDS: readonly ReferenceKind[] = ["group", "tag", "host"];
const TAGS: readonly ReferenceKind[] = ["tag"];

/**
 * The names a section defines. An absent section defines nothing; a section of the wrong type
 * gives undefined so its references are not checked (the type problem is reported elsewhere).
 */
function definedNames(doc: Record<string, unknown>, section: string): ReadonlySet<string> | undefined {
    const value = member(doc, section);
    if (value === undefined) return new Set();
    return isRecord(value) ? new Set(Object.keys(value)) : undefined;
}

/** Where a selector list sits: a section, then one or two keys or indices below it ("acls", 3, "dst"; "tagOwners", "tag:db"). */
type Place = [section: string, first: string | number, second?: string | number];

/**
 * One run of the check. Every place a group, tag or host may be referenced is visited in place (no
 * list of places is built first), and a path is built only for a finding: most selectors have none.
 */
class ReferenceScan {
    readonly findings: PolicyFinding[] = [];
    private readonly defined: Record<ReferenceKind, ReadonlySet<string> | undefined>;
    /** The reference of each distinct selector read without ports, and with ("tag:db:5432" names tag:db); null for none. */
    private readonly plain = new Map<string, Reference | null>();
    private readonly ported = new Map<string, Reference | null>();

    constructor(private readonly parsed: ParsedPolicy, doc: Record<string, unknown>) {
        this.defined = {
            group: definedNames(doc, DEFINED_IN.group),
            tag: definedNames(doc, DEFINED_IN.tag),
            host: definedNames(doc, DEFINED_IN.host),
        };
    }

    /** The elements of a list of selectors; anything but a list, and elements that are not strings, are skipped. */
    list(values: unknown, kinds: readonly ReferenceKind[], withPorts: boolean, section: string, first: string | number, second?: string | number): void {
        if (!Array.isArray(values)) return;
        for (let index = 0; index < values.length; index++) {
            const text: unknown = values[index];
            if (typeof text === "string" && this.undefinedIn(text, kinds, withPorts) !== undefined) {
                this.report(text, withPorts, [section, first, second], index);
            }
        }
    }

    /** One selector; anything but a string is skipped. */
    single(value: unknown, kinds: readonly ReferenceKind[], section: string, first: number, key: string): void {
        if (typeof value === "string" && this.undefinedIn(value, kinds, false) !== undefined) this.report(value, false, [section, first, key], -1);
    }

    /** The lists of an object of lists (tagOwners, autoApprovers.routes) at `section` (and `key`), each under its own name. */
    mapOfLists(map: unknown, section: string, key?: string): void {
        if (!isRecord(map)) return;
        for (const name in map) {
            if (!Object.prototype.hasOwnProperty.call(map, name)) continue;
            if (key === undefined) this.list(map[name], GROUPS_AND_TAGS, false, section, name);
            else this.list(map[name], GROUPS_AND_TAGS, false, section, key, name);
        }
    }

    private referenceIn(text: string, withPorts: boolean): Reference | undefined {
        const known = withPorts ? this.ported : this.plain;
        let reference = known.get(text);
        if (reference === undefined) {
            reference = referenceOf(withPorts ? referencedTarget(text) : text) ?? null;
            known.set(text, reference);
        }
        return reference ?? undefined;
    }

    /** The reference `text` makes to an undefined name of one of `kinds`, if it makes one. */
    private undefinedIn(text: string, kinds: readonly ReferenceKind[], withPorts: boolean): Reference | undefined {
        const reference = this.referenceIn(text, withPorts);
        if (reference === undefined || !kinds.includes(reference.kind)) return undefined;
        const names = this.defined[reference.kind];
        return names === undefined || names.has(reference.name) ? undefined : reference;
    }

    private report(text: string, withPorts: boolean, place: Place, index: number): void {
        const reference = this.referenceIn(text, withPorts)!;
        const path: Array<string | number> = place[2] === undefined ? [place[0], place[1]] : [place[0], place[1], place[2]];
        if (index >= 0) path.push(index);
        this.findings.push({
            check: "undefined-reference",
            message:
                `${formatPath(path)} refers to ${reference.kind} ${JSON.stringify(reference.name)}, ` +
                `which is not defined; define it under ${JSON.stringify(DEFINED_IN[reference.kind])} or correct the name`,
            location: this.parsed.locate(path),
        });
    }
}

/** The object entries of a list section, each with its index; nothing when the section is not a list. */
function eachRecord(list: unknown, visit: (record: Record<string, unknown>, index: number) => void): void {
    if (!Array.isArray(list)) return;
    for (let index = 0; index < list.length; index++) {
        const record: unknown = list[index];
        if (isRecord(record)) visit(record, index);
    }
}

/** The sources and destinations of acls, grants and ssh rules (grants also their via tags). */
function scanRules(scan: ReferenceScan, doc: Record<string, unknown>, section: string, dstKinds: readonly ReferenceKind[], dstPorts: boolean): void {
    eachRecord(member(doc, section), (record, index) => {
        scan.list(record.src, GROUPS_AND_TAGS, false, section, index, "src");
        scan.list(record.dst, dstKinds, dstPorts, section, index, "dst");
        if (section === "grants") scan.list(record.via, TAGS, false, section, index, "via");
    });
}

export function checkUndefinedReference(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const scan = new ReferenceScan(parsed, doc);
    scanRules(scan, doc, "acls", ALL_KINDS, true);
    scanRules(scan, doc, "grants", ALL_KINDS, false);
    scanRules(scan, doc, "ssh", GROUPS_AND_TAGS, false);
    scan.mapOfLists(member(doc, "tagOwners"), "tagOwners");
    const autoApprovers = member(doc, "autoApprovers");
    scan.mapOfLists(member(autoApprovers, "routes"), "autoApprovers", "routes");
    scan.list(member(autoApprovers, "exitNode"), GROUPS_AND_TAGS, false, "autoApprovers", "exitNode");
    scan.mapOfLists(member(autoApprovers, "services"), "autoApprovers", "services");
    eachRecord(member(doc, "nodeAttrs"), (record, index) => scan.list(record.target, GROUPS_AND_TAGS, false, "nodeAttrs", index, "target"));
    eachRecord(member(doc, "ssh"), (record, index) => scan.list(record.recorder, TAGS, false, "ssh", index, "recorder"));
    eachRecord(member(doc, "tests"), (record, index) => {
        scan.single(record.src, TAGS, "tests", index, "src");
        scan.list(record.accept, TAGS, true, "tests", index, "accept");
        scan.list(record.deny, TAGS, true, "tests", index, "deny");
    });
    eachRecord(member(doc, "sshTests"), (record, index) => {
        scan.single(record.src, TAGS, "sshTests", index, "src");
        scan.list(record.dst, TAGS, false, "sshTests", index, "dst");
    });
    return scan.findings;
}
