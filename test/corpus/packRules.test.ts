/**
 * The bad-input corpus through the policy pack's policy-file rules (policies/rules/policyFileRules.ts),
 * as the pack sees a `tailscale.Acl` resource: every rule returns messages and never throws, a non-string
 * `acl` is reported rather than passed, and every validation finding of a corpus file reaches the user
 * through some rule, with its file:line:col.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { analyzePolicy, formatLocation } from "../../acl";
import { resolveConfig } from "../../policies/rule";
import { policyFileRules } from "../../policies/rules/policyFileRules";
import { TAILSCALE_TYPES } from "../../policies/resourceTypes";
import { VALIDATION_IDS } from "./findingShape";

const CORPUS_DIR = path.join(__dirname, "policies");
const RESOURCE_NAME = "corpus";
/** The file name the pack gives an inline policy (policyFileFindings.ts inlinePolicyFileName). */
const FILE = `${RESOURCE_NAME}.acl`;

function messagesFor(acl: unknown): string[] {
    return policyFileRules.flatMap((rule) => {
        const messages = rule.check({ type: TAILSCALE_TYPES.acl, name: RESOURCE_NAME, urn: "", props: { acl } }, resolveConfig(rule, undefined));
        assert.ok(Array.isArray(messages), rule.name);
        for (const message of messages) assert.ok(typeof message === "string" && message.length > 0, rule.name);
        return messages;
    });
}

describe("bad-input corpus: the pack's policy-file rules", function () {
    this.timeout(30_000);

    for (const name of fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".hujson")).sort()) {
        it(`${name}: every validation finding is reported by a rule, with its position`, () => {
            const text = fs.readFileSync(path.join(CORPUS_DIR, name), "utf8");
            const messages = messagesFor(text);
            for (const finding of analyzePolicy(text, FILE).filter((f) => VALIDATION_IDS.has(f.check))) {
                const expected = `${formatLocation(finding.location!)}: ${finding.message}`;
                assert.ok(messages.includes(expected), `no rule reports ${expected.slice(0, 200)}`);
            }
        });
    }

    for (const [label, acl] of [
        ["a number", 5],
        ["null", null],
        ["an object", { acls: [] }],
        ["a list", ["{}"]],
        ["a Buffer", Buffer.from("{}")],
    ] as const) {
        it(`an acl that is ${label} is reported as not a string, not passed`, () => {
            const messages = messagesFor(acl);
            assert.ok(
                messages.some((m) => m.includes("not a string")),
                `messages: ${JSON.stringify(messages)}`,
            );
        });
    }
});
