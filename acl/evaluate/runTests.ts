/**
 * Running a policy file's own `tests` and `sshTests` offline, with the same evaluator the queries
 * use. Each assertion (one destination of a test, or one user on one destination of an SSH test)
 * passes or becomes a TestFailure naming the deciding rule and the assertion's position.
 * Assertions the evaluator cannot read (no src, a destination without a port, an undefined host)
 * are counted in `skipped`: validation reports why.
 */
import type { ParsedPolicy } from "../parse";
import { compareLocations, formatLocation, type SourceLocation } from "../location";
import { destinationTarget, portNumberAt } from "../selectors";
import { NONE, tapeValue, type PolicyTape } from "../tape";
import { formatPath } from "../walk";
import { createEvaluator, PolicyEvaluator, type RuleMatch, type SshAction } from "./evaluator";
import type { EvaluatorOptions, Principal } from "./model";
import { parseProtocol, protocolName, TCP } from "./ports";
import { ANY_POSTURE, NO_POSTURE_ATTRIBUTES, readPostureAttributes, type PostureAttributes } from "./posture";

export type TestExpectation = "accept" | "deny" | "check";

export interface TestFailure {
    kind: "test" | "sshTest";
    src: string;
    /** The test's own destination string ("tag:db:5432"), or for sshTests "<dst> as <user>". */
    destination: string;
    expected: TestExpectation;
    actual: TestExpectation;
    /** "grants[2] at policy.hujson:12:5", or "no rule matched". */
    decidedBy: string;
    /** Position of the failing assertion (the destination or user string) in the file. */
    location: SourceLocation | undefined;
    /** One readable sentence. */
    message: string;
}

export interface PolicyTestReport {
    /** Assertions that held. */
    passed: number;
    /** Assertions that did not hold, in file order. */
    failed: TestFailure[];
    /** Assertions that could not be evaluated (unreadable src, destination or port). */
    skipped: number;
}

export const NO_RULE_MATCHED = "no rule matched";

/** "grants[2] at file:line:col", or "no rule matched". */
export function describeRule(match: RuleMatch | undefined): string {
    if (match === undefined) return NO_RULE_MATCHED;
    return match.location === undefined ? match.path : `${match.path} at ${formatLocation(match.location)}`;
}

/**
 * The port of the test destination `text` whose target is `target` (one to five digits after the
 * target and its brackets, read in place); -1 when it has none or it is out of range.
 */
function testPort(text: string, target: string): number {
    return portNumberAt(text, text.startsWith("[") ? text.indexOf("]") + 2 : target.length + 1);
}

/** Target and single port of a test destination ("tag:db:5432", "[fd7a::1]:22"); undefined when unreadable. */
export function parseTestDestination(text: string): { target: string; port: number } | undefined {
    const target = destinationTarget(text);
    if (target === text) return undefined;
    const port = testPort(text, target);
    return port < 0 ? undefined : { target, port };
}

const NETWORK_ASSERTIONS: ReadonlyArray<{ key: string; expected: TestExpectation }> = [
    { key: "accept", expected: "accept" },
    { key: "allow", expected: "accept" },
    { key: "deny", expected: "deny" },
];

const SSH_EXPECTATIONS = ["accept", "check", "deny"] as const;

interface Counter {
    passed: number;
    skipped: number;
    failed: TestFailure[];
}

/**
 * The posture attributes of a test's source (the tape object `record`): its `srcPostureAttrs`, or
 * none when absent (or null). Undefined when present but unreadable: the test's assertions are then
 * skipped (validation says why). The attributes are a small object, read as a plain value.
 */
function testPostureAttrs(tape: PolicyTape, record: number): PostureAttributes | undefined {
    const given = tape.field(record, "srcPostureAttrs");
    if (given === NONE) return NO_POSTURE_ATTRIBUTES;
    const read = readPostureAttributes(tapeValue(tape, given));
    return "attrs" in read ? read.attrs : undefined;
}

/**
 * Why nothing matched when a rule would have matched but for its posture: "grants[1] at f:5:5
 * would allow it but requires posture:baseline, which the source's posture attributes (none) do
 * not satisfy". Undefined when no posture-gated rule would have matched either.
 */
function postureHint(evaluator: PolicyEvaluator, rule: number | undefined, attrs: PostureAttributes): string | undefined {
    const gate = rule === undefined ? undefined : evaluator.ruleGate(rule);
    if (rule === undefined || gate === undefined) return undefined;
    const names = gate.names.length === 0 ? "a posture it cannot read" : gate.names.join(" or ");
    const given = attrs === NO_POSTURE_ATTRIBUTES || Object.keys(attrs).length === 0 ? "(none given; add srcPostureAttrs to the test)" : JSON.stringify(attrs);
    return `${describeRule(evaluator.ruleMatch(rule))} would allow it but requires ${names}, which the source's posture attributes ${given} do not satisfy`;
}

/** For SSH: a hint only when posture made the outcome weaker than it would be otherwise. */
function postureHintForSsh(
    evaluator: PolicyEvaluator,
    actual: SshAction,
    expected: TestExpectation,
    unconstrained: number | undefined,
    attrs: PostureAttributes,
): string | undefined {
    const action: SshAction = unconstrained === undefined ? "deny" : evaluator.sshRuleAction(unconstrained);
    if (action === actual || action !== expected) return undefined;
    return postureHint(evaluator, unconstrained, attrs);
}

const VERB: Record<TestExpectation, string> = { accept: "accepted", deny: "denied", check: "accepted only after a check" };

/**
 * Reads the sources and destinations of tests without keeping a table of them: a policy's tests
 * name mostly distinct "target:port" strings, so a table would cost more to fill than it saves (the
 * evaluator already keeps the addresses it has read). A tag or user destination is read into one
 * object reused for every assertion, since a query keeps no reference to its principals: an
 * assertion then allocates nothing beyond its target's name.
 */
class TestReader {
    private readonly tag: Principal & { kind: "tag" } = { kind: "tag", name: "", id: NONE };
    private readonly user: Principal & { kind: "user" } = { kind: "user", login: "", id: NONE };
    /** The port of the destination last read by destination(). */
    port = 0;

    constructor(private readonly evaluator: PolicyEvaluator) {}

    /** A test's source, the string numbered `id` of the file: a selector read as one principal of its own; undefined when it is not a string. */
    principal(text: string | undefined, id: number): Principal | undefined {
        return text === undefined ? undefined : this.evaluator.principal(text, id);
    }

    /**
     * A destination device (a test destination's target, or an SSH test's `dst`) as a principal,
     * valid until the next call: tags and users come back in the reused objects. The kinds are told
     * apart in parsePrincipal's order (tag, then group and autogroup, then a login); everything else
     * goes to parsePrincipal through the evaluator. `id` is the tape's number of `text` when it is
     * a whole string of the file (an SSH test's `dst`), else undefined.
     */
    target(text: string, id?: number): Principal | undefined {
        if (text.startsWith("tag:")) {
            if (text.length === 4) return undefined;
            this.tag.name = text;
            this.tag.id = id ?? this.evaluator.model.idOf(text);
            return this.tag;
        }
        if (text.includes("@") && !text.startsWith("group:") && !text.startsWith("autogroup:")) {
            this.user.login = text;
            this.user.id = id ?? this.evaluator.model.idOf(text);
            return this.user;
        }
        return this.evaluator.principal(text, id);
    }

    /** The target of a test destination ("tag:db:5432"), its port in `port`; undefined when unreadable. */
    destination(text: string): Principal | undefined {
        const target = destinationTarget(text);
        if (target === text) return undefined;
        const port = testPort(text, target);
        if (port < 0) return undefined;
        this.port = port;
        return this.target(target);
    }
}

function runNetworkTests(parsed: ParsedPolicy, tape: PolicyTape, evaluator: PolicyEvaluator, counter: Counter): void {
    const reader = new TestReader(evaluator);
    for (let record = tape.firstElement(tape.member(0, "tests")), index = 0; record !== NONE; record = tape.next(record), index++) {
        if (!tape.isObject(record)) continue;
        const srcValue = tape.member(record, "src");
        const srcText = tape.stringOrUndefined(srcValue);
        const source = reader.principal(srcText, tape.stringId(srcValue));
        const protoValue = tape.member(record, "proto");
        const protocol = protoValue === NONE ? TCP : tape.isString(protoValue) ? parseProtocol(tape.string(protoValue)) : undefined;
        const attrs = testPostureAttrs(tape, record);
        for (const { key, expected } of NETWORK_ASSERTIONS) {
            for (let item = tape.firstElement(tape.member(record, key)), position = 0; item !== NONE; item = tape.next(item), position++) {
                if (!tape.isString(item)) continue;
                const value = tape.stringOnce(item);
                const target = reader.destination(value);
                if (source === undefined || protocol === undefined || target === undefined || attrs === undefined) {
                    counter.skipped++;
                    continue;
                }
                const port = reader.port;
                const rule = evaluator.reach(source, target, protocol, port, attrs);
                const actual: TestExpectation = rule === undefined ? "deny" : "accept";
                if (actual === expected) {
                    counter.passed++;
                    continue;
                }
                const decidedBy = describeRule(rule === undefined ? undefined : evaluator.ruleMatch(rule));
                const src = srcText as string;
                const hint = rule === undefined ? postureHint(evaluator, evaluator.reach(source, target, protocol, port, ANY_POSTURE), attrs) : undefined;
                const reason = rule !== undefined ? `it is allowed by ${decidedBy}` : hint === undefined ? "no rule matched" : `no rule matched: ${hint}`;
                counter.failed.push({
                    kind: "test",
                    src,
                    destination: value,
                    expected,
                    actual,
                    decidedBy,
                    location: parsed.locate(["tests", index, key, position]),
                    message:
                        `${formatPath(["tests", index])}: ${src} -> ${value} over ${protocolName(protocol)} ` +
                        `should be ${VERB[expected]} but is ${VERB[actual]}: ${reason}.`,
                });
            }
        }
    }
}

function runSshTests(parsed: ParsedPolicy, tape: PolicyTape, evaluator: PolicyEvaluator, counter: Counter): void {
    const reader = new TestReader(evaluator);
    for (let record = tape.firstElement(tape.member(0, "sshTests")), index = 0; record !== NONE; record = tape.next(record), index++) {
        if (!tape.isObject(record)) continue;
        const srcValue = tape.member(record, "src");
        const srcText = tape.stringOrUndefined(srcValue);
        const source = reader.principal(srcText, tape.stringId(srcValue));
        const destinations = tape.member(record, "dst");
        const attrs = testPostureAttrs(tape, record);
        for (const expected of SSH_EXPECTATIONS) {
            for (let item = tape.firstElement(tape.member(record, expected)), position = 0; item !== NONE; item = tape.next(item), position++) {
                if (!tape.isString(item)) continue;
                const user = tape.string(item);
                for (let dst = tape.firstElement(destinations); dst !== NONE; dst = tape.next(dst)) {
                    if (!tape.isString(dst)) continue;
                    const dstText = tape.string(dst);
                    const target = reader.target(dstText, tape.stringId(dst));
                    if (source === undefined || target === undefined || user === "" || attrs === undefined) {
                        counter.skipped++;
                        continue;
                    }
                    const rule = evaluator.ssh(source, target, user, attrs);
                    const actual: SshAction = rule === undefined ? "deny" : evaluator.sshRuleAction(rule);
                    if (actual === expected) {
                        counter.passed++;
                        continue;
                    }
                    // A device named by address (a host alias or an IP) has tags or an owner only the
                    // control server knows; short of accept, a rule naming those could still apply.
                    if (actual !== "accept" && (source.kind === "address" || target.kind === "address")) {
                        counter.skipped++;
                        continue;
                    }
                    const decidedBy = describeRule(rule === undefined ? undefined : evaluator.ruleMatch(rule));
                    const src = srcText as string;
                    const hint = postureHintForSsh(evaluator, actual, expected, evaluator.ssh(source, target, user, ANY_POSTURE), attrs);
                    const base = rule === undefined ? "no rule matched" : `decided by ${decidedBy}`;
                    const reason = hint === undefined ? base : `${base}: ${hint}`;
                    counter.failed.push({
                        kind: "sshTest",
                        src,
                        destination: `${dstText} as ${user}`,
                        expected,
                        actual,
                        decidedBy,
                        location: parsed.locate(["sshTests", index, expected, position]),
                        message:
                            `${formatPath(["sshTests", index])}: SSH from ${src} to ${dstText} as ${user} ` +
                            `should be ${VERB[expected]} but is ${VERB[actual]}: ${reason}.`,
                    });
                }
            }
        }
    }
}

/**
 * Runs the policy's `tests` then `sshTests`. Never throws on a policy with invalid sections; a
 * policy that does not parse has no assertions to run. Pass an evaluator to reuse its indexes.
 */
export function runPolicyTests(
    parsed: ParsedPolicy,
    options: EvaluatorOptions | PolicyEvaluator = {},
): PolicyTestReport {
    const evaluator = options instanceof PolicyEvaluator ? options : createEvaluator(parsed, options);
    const counter: Counter = { passed: 0, skipped: 0, failed: [] };
    const tape = parsed.tape;
    if (tape !== undefined) {
        runNetworkTests(parsed, tape, evaluator, counter);
        runSshTests(parsed, tape, evaluator, counter);
    }
    const failed = counter.failed.sort((a, b) => compareLocations(a.location, b.location));
    return { passed: counter.passed, failed, skipped: counter.skipped };
}
