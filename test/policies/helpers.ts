/** Builders and assertions for unit tests of the rules' pure checks, run as the pack runs them (evaluate.ts). */
import * as assert from "assert";
import { evaluateResourceRule, evaluateStackRule, remediateWithRule, type Outcome } from "../../policies/evaluate";
import type { ResourceRule, ResourceUnderTest, RuleConfig, StackResource, StackRule } from "../../policies/rule";

export { UNKNOWN } from "../../policies/unknowns";

export const DEFAULT_PROVIDER = {
    type: "pulumi:providers:tailscale",
    urn: "urn:pulumi:dev::test::pulumi:providers:tailscale::default",
    name: "default",
    props: {},
};

export function resource(type: string, name: string, props: Record<string, unknown>, extra: Partial<ResourceUnderTest> = {}): ResourceUnderTest {
    return { type, name, urn: `urn:pulumi:dev::test::${type}::${name}`, props, ...extra };
}

export function stackResource(
    type: string,
    name: string,
    props: Record<string, unknown>,
    extra: Partial<StackResource> = {},
): StackResource {
    const provider = type.startsWith("tailscale:") ? DEFAULT_PROVIDER : undefined;
    return { ...resource(type, name, props), dependencies: [], provider, ...extra };
}

/** The violation messages; fails if the rule could not decide. */
export function violations(rule: ResourceRule, r: ResourceUnderTest, config?: RuleConfig): string[] {
    const outcome = evaluateResourceRule(rule, r, config);
    assert.strictEqual(outcome.kind, "checked", `expected a decision, got ${JSON.stringify(outcome)}`);
    return (outcome as Extract<Outcome, { kind: "checked" }>).violations.map((v) => v.message);
}

export function stackViolations(rule: StackRule, resources: StackResource[], config?: RuleConfig) {
    const outcome = evaluateStackRule(rule, resources, config);
    assert.strictEqual(outcome.kind, "checked", `expected a decision, got ${JSON.stringify(outcome)}`);
    return (outcome as Extract<Outcome, { kind: "checked" }>).violations;
}

/** Asserts the rule reports "cannot verify <path> ... until apply" rather than deciding. */
export function assertCannotVerify(outcome: Outcome, path: string): void {
    assert.strictEqual(outcome.kind, "unknown", `expected "cannot verify", got ${JSON.stringify(outcome)}`);
    const message = (outcome as { message: string }).message;
    assert.match(message, new RegExp(`^cannot verify ${path.replace(/[.[\]]/g, "\\$&")} of .* until apply`));
}

export function unknownOutcome(rule: ResourceRule, r: ResourceUnderTest, path: string, config?: RuleConfig): void {
    assertCannotVerify(evaluateResourceRule(rule, r, config), path);
}

export function remediated(rule: ResourceRule, r: ResourceUnderTest, config?: RuleConfig): Record<string, unknown> | undefined {
    const outcome = remediateWithRule(rule, r, config);
    assert.ok(outcome.kind === "fixed" || outcome.kind === "unchanged", `unexpected ${JSON.stringify(outcome)}`);
    return outcome.kind === "fixed" ? outcome.props : undefined;
}

/** Asserts no message contains the secret. */
export function assertNotEchoed(messages: string[], secret: string): void {
    for (const message of messages) {
        assert.ok(!message.includes(secret), `message echoes a secret: ${message}`);
    }
}
