/** Table-driven lint cases: a policy, the lint expected (or not), where it points and what it says. */
import assert from "node:assert/strict";
import { analyzePolicy, type AnalyzeOptions, type PolicyLintId } from "../../../acl";
import { at, policyText, positionOf } from "../helpers";

export const DEFS: Readonly<Record<string, unknown>> = {
    groups: { "group:eng": ["alice@example.com"], "group:ops": ["bob@example.com"] },
    tagOwners: { "tag:db": ["group:ops"], "tag:web": ["group:ops"], "tag:router": ["group:ops"], "tag:rec": ["group:ops"] },
};

export interface LintCase {
    name: string;
    policy: Record<string, unknown>;
    /** Where the finding points: the first occurrence of this text (after `after`, if given). */
    at: string;
    after?: string;
    message: RegExp;
    options?: AnalyzeOptions;
}

function lintFindings(lint: PolicyLintId, policy: Record<string, unknown>, options?: AnalyzeOptions) {
    const text = policyText({ ...DEFS, ...policy });
    return { text, found: analyzePolicy(text, "policy.hujson", options).filter((f) => f.check === lint) };
}

export function assertLint(lint: PolicyLintId, c: LintCase): void {
    const { text, found } = lintFindings(lint, c.policy, c.options);
    assert.equal(found.length, 1, `${c.name}: expected one ${lint}, got ${JSON.stringify(found.map((f) => f.message))}`);
    assert.equal(at(found[0]), positionOf(text, c.at, 1, c.after), `${c.name}: position of ${found[0].message}`);
    assert.match(found[0].message, c.message, c.name);
}

export function assertNoLint(lint: PolicyLintId, name: string, policy: Record<string, unknown>, options?: AnalyzeOptions): void {
    const { found } = lintFindings(lint, policy, options);
    assert.deepEqual(found.map((f) => f.message), [], name);
}

/** Registers one describe block per lint: firing cases and quiet cases. */
export function lintTable(lint: PolicyLintId, fires: LintCase[], quiet: Array<{ name: string; policy: Record<string, unknown>; options?: AnalyzeOptions }>): void {
    describe(`acl lint ${lint}`, () => {
        for (const c of fires) it(`fires: ${c.name}`, () => assertLint(lint, c));
        for (const q of quiet) it(`stays quiet: ${q.name}`, () => assertNoLint(lint, q.name, q.policy, q.options));
    });
}
