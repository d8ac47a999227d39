/**
 * The bad-input corpus of the policy-file analyser. Every entry is a policy text and the exact
 * validation findings ("check@line:col") it must produce; lints may come too but must be well formed.
 * Entries are files in test/corpus/policies/ (hand-written) or generated below (inputs a file cannot
 * hold well: NUL bytes, 5 MB strings, 10,000 levels of nesting, a BOM, lone surrogates).
 * Each entry is also run with CRLF and lone-CR line endings (same positions), and through the
 * offline evaluator (createEvaluator + runPolicyTests), which must not throw either.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { analyzePolicy, parsePolicy } from "../../acl";
import { createEvaluator, runPolicyTests } from "../../acl/evaluate";
import { assertWellFormed, validationKeys } from "./findingShape";
import { itUnlessKnownBug } from "./knownBugs";

const CORPUS_DIR = path.join(__dirname, "policies");

interface CorpusEntry {
    /** File name in test/corpus/policies/, or a label for a generated text. */
    name: string;
    /** Set for generated entries; files are read from CORPUS_DIR. */
    text?: string;
    /** The validation findings, in order, as "check@line:col". */
    expect: string[];
    /** Fragments the first finding's message must contain (the diagnostic must say what is wrong). */
    mentions?: string[];
    /** Set when the analyser does not meet `expect` yet: the test is skipped and this names the bug. */
    bug?: string;
}

const FILE_ENTRIES: CorpusEntry[] = [
    { name: "valid-baseline.hujson", expect: [] },
    { name: "empty.hujson", expect: ["syntax@1:1"], mentions: ["empty"] },
    { name: "only-comments.hujson", expect: ["syntax@5:1"], mentions: ["empty"] },
    { name: "top-level-array.hujson", expect: ["syntax@1:1"], mentions: ["must be a JSON object", "a list"] },
    { name: "top-level-number.hujson", expect: ["syntax@1:3"], mentions: ["must be a JSON object", "a number"] },
    { name: "top-level-string.hujson", expect: ["syntax@2:1"], mentions: ["must be a JSON object", "a string"] },
    { name: "trailing-garbage.hujson", expect: ["syntax@4:1"], mentions: ["end of the file"] },
    { name: "truncated-mid-rule.hujson", expect: ["syntax@6:1", "syntax@6:1", "syntax@6:1"], mentions: ['"}"', "end of the file"] },
    { name: "truncated-mid-string.hujson", expect: ["syntax@3:19", "syntax@3:29", "syntax@3:29", "syntax@3:29"], mentions: ["never closed"] },
    { name: "truncated-after-colon.hujson", expect: ["syntax@3:15", "syntax@3:15", "syntax@3:15"], mentions: ["expected a value"] },
    { name: "truncated-in-comment.hujson", expect: ["syntax@3:5", "syntax@4:1", "syntax@4:1"], mentions: ["comment", "never closed"] },
    // Last key wins, as in JSON.parse and Go's encoding/json: the lost group shows up as an undefined reference.
    { name: "duplicate-keys.hujson", expect: ["undefined-reference@5:29"], mentions: ['"group:eng"'] },
    {
        name: "wrong-types-sections.hujson",
        expect: [
            "wrong-type@2:13", "wrong-type@3:16", "wrong-type@4:12", "wrong-type@5:13", "wrong-type@6:15", "wrong-type@7:24",
            "wrong-type@8:11", "wrong-type@9:13", "wrong-type@10:10", "wrong-type@11:16", "wrong-type@12:20", "wrong-type@13:12",
            "wrong-type@14:15", "wrong-type@15:18", "wrong-type@16:26", "wrong-type@17:20", "wrong-type@18:14",
        ],
        mentions: ["groups", "must be an object, not a list"],
    },
    {
        name: "wrong-types-entries.hujson",
        expect: [
            "wrong-type@2:27", "wrong-type@2:62", "wrong-type@3:28", "wrong-type@3:52", "wrong-type@3:58", "wrong-type@4:19",
            "wrong-type@6:5", "wrong-type@7:16", "wrong-type@7:26", "wrong-type@8:56", "wrong-type@8:72", "wrong-type@11:35",
            "wrong-type@11:52", "wrong-type@12:55", "wrong-type@15:77", "wrong-type@16:103", "wrong-type@19:13", "wrong-type@19:46",
        ],
        mentions: ['groups["group:eng"]', "must be a list, not a string"],
    },
    {
        name: "hostile-selectors.hujson",
        // A malformed tag or group name is both invalid and (being malformed) not defined: two findings, one place.
        expect: [
            "invalid-selector@7:9", "undefined-reference@7:9", "invalid-selector@8:9", "undefined-reference@8:9",
            "invalid-selector@9:9", "undefined-reference@9:9", "invalid-selector@10:9", "undefined-reference@10:9",
            "invalid-selector@11:9", "invalid-selector@12:9", "invalid-selector@13:9", "invalid-selector@14:9",
            "invalid-selector@15:9", "invalid-selector@16:9", "invalid-selector@17:9", "invalid-selector@18:9",
            "undefined-reference@18:9", "invalid-selector@19:9",
        ],
        mentions: ['"tag:my server"', "not a valid tag"],
    },
    {
        name: "hostile-ports.hujson",
        expect: [
            "invalid-ports@9:9", "invalid-ports@10:9", "invalid-ports@11:9", "invalid-ports@12:9", "invalid-ports@13:9",
            "invalid-ports@14:9", "invalid-ports@15:9", "invalid-ports@16:9", "invalid-ports@17:9",
            "invalid-ports@22:55", "invalid-ports@22:63", "invalid-ports@22:76", "invalid-ports@22:89", "invalid-ports@22:100",
            "invalid-protocol@22:108",
        ],
        mentions: ["70000", "outside"],
    },
    {
        name: "unknown-protocols.hujson",
        expect: ["invalid-protocol@5:57", "invalid-protocol@6:57", "invalid-protocol@7:57", "invalid-protocol@10:55", "invalid-protocol@10:67", "invalid-protocol@10:76"],
        mentions: ['"tcpx"', "protocol"],
    },
    {
        name: "lookalike-tags.hujson",
        expect: ["invalid-selector@6:19", "invalid-selector@9:36", "undefined-reference@9:36"],
        mentions: ["tag:s\u0435rver", "not a valid tag"],
    },
    {
        name: "wildcards-in-odd-places.hujson",
        expect: ["invalid-selector@2:49", "invalid-selector@3:26", "invalid-selector@5:14", "invalid-selector@5:29", "invalid-protocol@6:55", "invalid-selector@9:55", "invalid-selector@9:71"],
        mentions: ['"*"', "group's members"],
    },
    {
        name: "ipv6-destinations.hujson",
        expect: ["invalid-ports@4:82", "invalid-ports@4:95", "invalid-selector@4:110"],
        mentions: ['"[fd7a::1]"', "no ports"],
    },
    {
        name: "user-wildcard-login.hujson",
        expect: ["invalid-selector@5:14"],
        mentions: ['"*@*"'],
    },
    {
        name: "ipv6-unbracketed.hujson",
        expect: ["invalid-ports@4:56"],
        mentions: ["fd7a:115c:a1e0::1:22", "["],
    },
];

/** A policy with one grant from `source`, the source on line 3 at column 12. */
function grantFrom(source: string): string {
    return `{\n  "grants": [\n    {"src": [${JSON.stringify(source)}], "dst": ["*"], "ip": ["tcp:443"]}\n  ]\n}\n`;
}

const FIVE_MB = 5 * 1024 * 1024;

const GENERATED_ENTRIES: CorpusEntry[] = [
    {
        name: "binary garbage (every byte value, latin1)",
        text: Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString("latin1"),
        // Bytes 10 and 13 end lines 1 and 2.
        expect: ["syntax@1:1", "syntax@2:1", "syntax@3:1", "syntax@3:20", "syntax@3:21", "syntax@3:21"], mentions: ["unexpected"] },
    { name: "NUL byte before the object", text: '\u0000{"acls": []}', expect: ["syntax@1:1"], mentions: ["\\u0000"] },
    { name: "NUL byte between values", text: '{"acls": [\u0000]}', expect: ["syntax@1:11"], mentions: ["\\u0000"] },
    { name: "NUL byte inside a key", text: '{\n  "groups": {"group:a\u0000": ["a@example.com"]}\n}', expect: ["syntax@2:14"], mentions: ["control character"] },
    {
        name: "10,000 nested lists",
        text: `{"acls": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
        expect: ["syntax@1:10009"],
        mentions: ["10001 levels", "remove the extra nesting"],
    },
    {
        name: "10,000 nested objects",
        text: `${'{"x":'.repeat(10_000)}1${"}".repeat(10_000)}`,
        expect: ["syntax@1:49996"],
        mentions: ["10000 levels"],
    },
    // The limit is counted, not left to the parser's stack: the same answer in every engine state.
    { name: "1,000 levels of nesting are read", text: `{"x": ${"[".repeat(999)}${"]".repeat(999)}}`, expect: ["unknown-key@1:7"] },
    { name: "1,001 levels of nesting are too deep", text: `{"x": ${"[".repeat(1_000)}${"]".repeat(1_000)}}`, expect: ["syntax@1:1006"], mentions: ["1001 levels", "too deep"] },
    { name: "10,000 unclosed lists", text: "[".repeat(10_000), expect: ["syntax@1:10000"], mentions: ["10000 levels", "too deep"] },
    { name: "5 MB valid tag name", text: `{\n  "tagOwners": {"tag:a${"b".repeat(FIVE_MB)}": ["alice@example.com"]}\n}`, expect: [] },
    { name: "5 MB malformed selector", text: grantFrom(`tag:${"x".repeat(FIVE_MB)} `), expect: ["invalid-selector@3:14", "undefined-reference@3:14"], mentions: ["leading or trailing spaces"] },
    { name: "5 MB unknown key", text: `{\n  "${"k".repeat(FIVE_MB)}": 1\n}`, // Findings about a key point at its value (here 5 MB to the right of the key).
        expect: [`unknown-key@2:${FIVE_MB + 7}`], mentions: ["unknown key"] },
    { name: "5 MB unterminated string", text: `{"acls": ["${"a".repeat(FIVE_MB)}`, expect: ["syntax@1:11", `syntax@1:${FIVE_MB + 12}`, `syntax@1:${FIVE_MB + 12}`], mentions: ["never closed"] },
    // A byte order mark is refused as Go's encoding/json refuses it (Tailscale's decoder); it must be reported at 1:1.
    { name: "UTF-8 BOM", text: '\uFEFF{"acls": []}', expect: ["syntax@1:1"] },
    {
        name: "UTF-8 BOM, message names it",
        text: '\uFEFF{"acls": []}',
        expect: ["syntax@1:1"],
        mentions: ["byte order mark"],
    },
    { name: "lone high surrogate in a tag name", text: grantFrom("tag:a\uD800"), expect: ["invalid-selector@3:14", "undefined-reference@3:14"], mentions: ["not a valid tag"] },
    { name: "escaped lone low surrogate in a tag name", text: '{\n  "grants": [\n    {"src": ["tag:a\\udc00"], "dst": ["*"], "ip": ["tcp:443"]}\n  ]\n}', expect: ["invalid-selector@3:14", "undefined-reference@3:14"], mentions: ["not a valid tag"] },
    { name: "lone surrogates in a comment", text: '// \uD800\uDFFF\uDC00\n{"groups": {"group:a": ["a@example.com"]}}', expect: [] },
    { name: "an astral character counts as two columns (UTF-16 units)", text: '{"groups": {"group:\u{1F600}": ["a@example.com"]}}', expect: ["invalid-selector@1:25"], mentions: ["group name"] },
];

function textOf(entry: CorpusEntry): string {
    return entry.text ?? fs.readFileSync(path.join(CORPUS_DIR, entry.name), "utf8");
}

/** Runs the analyser and the evaluator on a text; asserts the entry's findings. */
function checkEntry(entry: CorpusEntry, text: string, file: string): void {
    const findings = analyzePolicy(text, file);
    assertWellFormed(findings, file, text);
    assert.deepEqual(validationKeys(findings), entry.expect);
    const first = findings.find((f) => f.check !== "no-device-posture" && entry.expect.includes(`${f.check}@${f.location?.line}:${f.location?.column}`));
    for (const fragment of entry.mentions ?? []) {
        assert.ok(first?.message.includes(fragment), `message ${JSON.stringify(first?.message.slice(0, 300))} does not mention ${fragment}`);
    }
    // The evaluator reads the same text: it must not throw, and each failure it reports names a place.
    const parsed = parsePolicy(text, file);
    const report = runPolicyTests(parsed, createEvaluator(parsed));
    assert.ok(report.passed >= 0 && report.skipped >= 0);
    for (const failure of report.failed) assert.ok(failure.location === undefined || failure.location.line >= 1, failure.message);
}

describe("bad-input corpus: policy files", function () {
    // A bound against hangs (the whole corpus takes a few seconds), not a speed assertion.
    this.timeout(30_000);

    it("every file in test/corpus/policies/ has a table entry", () => {
        const listed = new Set(FILE_ENTRIES.map((e) => e.name));
        const files = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".hujson"));
        assert.deepEqual(files.filter((f) => !listed.has(f)), []);
    });

    for (const entry of [...FILE_ENTRIES, ...GENERATED_ENTRIES]) {
        const title = `${entry.name}: ${entry.expect.length === 0 ? "no validation findings" : entry.expect.join(", ")}`;
        // Skipped entries document a known bug (see `bug`); the lead un-skips them with the fix.
        const test = itUnlessKnownBug(entry.bug);
        test(title, () => checkEntry(entry, textOf(entry), entry.text === undefined ? entry.name : "generated.hujson"));
    }

    for (const entry of GENERATED_ENTRIES.filter((e) => e.name.startsWith("5 MB"))) {
        it(`${entry.name}: every message stays short (at most 1,000 characters)`, () => {
            for (const finding of analyzePolicy(textOf(entry), "generated.hujson")) {
                assert.ok(finding.message.length <= 1_000, `${finding.check} message of ${finding.message.length} characters`);
            }
        });
    }

    describe("the same positions with CRLF and lone-CR line endings", () => {
        for (const entry of FILE_ENTRIES.filter((e) => e.bug === undefined)) {
            it(entry.name, () => {
                const text = textOf(entry);
                checkEntry(entry, text.replace(/\n/g, "\r\n"), entry.name);
                checkEntry(entry, text.replace(/\n/g, "\r"), entry.name);
            });
        }
    });

    it("a valid policy cut at every offset reports only syntax findings, at least one, inside the text", () => {
        const full = textOf(FILE_ENTRIES[0]);
        const end = full.trimEnd().length;
        for (let cut = 0; cut < end; cut++) {
            const text = full.slice(0, cut);
            const findings = analyzePolicy(text, "cut.hujson");
            assertWellFormed(findings, "cut.hujson", text);
            assert.ok(findings.length > 0, `no finding when cut at ${cut}`);
            assert.deepEqual(findings.filter((f) => f.check !== "syntax").map((f) => f.check), [], `cut at ${cut}`);
        }
    });
});
