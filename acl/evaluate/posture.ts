/**
 * Device posture conditions (https://tailscale.com/kb/1288/device-posture#device-posture-conditions):
 * parsing a condition string such as "node:tsVersion >= '1.80'" once into a small AST, and
 * evaluating it against the posture attributes of a source device. A condition that cannot be read
 * is kept as an "unreadable" node that never holds: it is reported, never thrown.
 * The semantics and every assumption are listed in semantics.ts ("Device posture").
 */
import { FALSE, NONE, NULL, NUMBER, OBJECT, STRING, TRUE, type PolicyTape } from "../tape";

/** The value of one posture attribute: the docs allow strings, numbers and booleans. */
export type PostureValue = string | number | boolean;

/** The posture attributes of one source device, e.g. {"node:os": "macos", "node:tsAutoUpdate": true}. */
export type PostureAttributes = Readonly<Record<string, PostureValue>>;

/** A source without posture attributes (a query or test that gives none). */
export const NO_POSTURE_ATTRIBUTES: PostureAttributes = Object.freeze({});

/**
 * Stands for "whatever posture it takes": every gate admits it. Only used to explain a failing
 * test ("this rule would allow it, but requires a posture"), never to decide one.
 */
export const ANY_POSTURE: PostureAttributes = Object.freeze({});

/** A literal on the right of an operator. Numbers keep their text, so `1.80` can be read as a version. */
export type PostureLiteral =
    | { kind: "string"; value: string }
    | { kind: "number"; value: number; text: string }
    | { kind: "boolean"; value: boolean };

export type ComparisonOperator = "==" | "!=" | "<" | "<=" | ">" | ">=";

/** One parsed condition. */
export type PostureCondition =
    | { kind: "compare"; attribute: string; operator: ComparisonOperator; value: PostureLiteral }
    | { kind: "in"; attribute: string; negated: boolean; values: PostureLiteral[] }
    | { kind: "set"; attribute: string; negated: boolean }
    | { kind: "unreadable"; text: string; reason: string };

/**
 * An attribute key: a namespace, a colon and a name ("node:os", "custom:myAttribute", "ip:country",
 * "falcon:ztaScore"). The docs show only letters and digits; "_", "-" and "." are also accepted.
 */
export const POSTURE_ATTRIBUTE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*:[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Attributes whose ordering operators compare versions (kb/1288 names exactly these two). */
export const VERSION_ATTRIBUTES: ReadonlySet<string> = new Set(["node:osVersion", "node:tsVersion"]);

/** True when `value` is a valid posture attribute value (a string, a finite number or a boolean). */
export function isPostureValue(value: unknown): value is PostureValue {
    return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

// ---------------------------------------------------------------------------------------------
// Parsing

type Token =
    | { kind: "attribute"; text: string }
    | { kind: "operator"; text: ComparisonOperator | "IN" | "NOT IN" | "IS SET" | "NOT SET" }
    | { kind: "literal"; literal: PostureLiteral }
    | { kind: "punct"; text: "[" | "]" | "," };

const ATTRIBUTE_AT = /[A-Za-z][A-Za-z0-9_-]*:[A-Za-z0-9_][A-Za-z0-9_.-]*/y;
const NUMBER_AT = /-?\d+(?:\.\d+)?(?![A-Za-z0-9_.:])/y;
const KEYWORD_AT = /(NOT\s+IN|NOT\s+SET|IS\s+SET|IN|TRUE|FALSE)(?![A-Za-z0-9_:])/iy;
const SYMBOL_OPERATORS: readonly ComparisonOperator[] = ["==", "!=", "<=", ">=", "<", ">"];

class Unreadable extends Error {}

function sticky(pattern: RegExp, text: string, at: number): string | undefined {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    return match === null ? undefined : match[0];
}

function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let at = 0;
    while (at < text.length) {
        const char = text[at];
        if (/\s/.test(char)) {
            at++;
            continue;
        }
        if (char === "'" || char === '"') {
            const end = text.indexOf(char, at + 1);
            if (end < 0) throw new Unreadable(`the quoted value starting at character ${at + 1} is not closed`);
            tokens.push({ kind: "literal", literal: { kind: "string", value: text.slice(at + 1, end) } });
            at = end + 1;
            continue;
        }
        if (char === "[" || char === "]" || char === ",") {
            tokens.push({ kind: "punct", text: char });
            at++;
            continue;
        }
        const symbol = SYMBOL_OPERATORS.find((op) => text.startsWith(op, at));
        if (symbol !== undefined) {
            tokens.push({ kind: "operator", text: symbol });
            at += symbol.length;
            continue;
        }
        const keyword = sticky(KEYWORD_AT, text, at);
        if (keyword !== undefined) {
            const word = keyword.toUpperCase().replace(/\s+/, " ");
            if (word === "TRUE" || word === "FALSE") tokens.push({ kind: "literal", literal: { kind: "boolean", value: word === "TRUE" } });
            else tokens.push({ kind: "operator", text: word as "IN" | "NOT IN" | "IS SET" | "NOT SET" });
            at += keyword.length;
            continue;
        }
        const number = sticky(NUMBER_AT, text, at);
        if (number !== undefined) {
            tokens.push({ kind: "literal", literal: { kind: "number", value: Number(number), text: number } });
            at += number.length;
            continue;
        }
        const attribute = sticky(ATTRIBUTE_AT, text, at);
        if (attribute !== undefined) {
            tokens.push({ kind: "attribute", text: attribute });
            at += attribute.length;
            continue;
        }
        throw new Unreadable(`unexpected ${JSON.stringify(text.slice(at, at + 12))} at character ${at + 1}`);
    }
    return tokens;
}

function describeToken(token: Token | undefined): string {
    if (token === undefined) return "the end of the condition";
    switch (token.kind) {
        case "attribute":
        case "operator":
        case "punct":
            return JSON.stringify(token.text);
        case "literal":
            return token.literal.kind === "number" ? token.literal.text : JSON.stringify(token.literal.value);
    }
}

/** `[ literal (, literal)* ]` starting at tokens[at]; returns the literals. */
function readList(tokens: readonly Token[], at: number): PostureLiteral[] {
    if (tokens[at]?.kind !== "punct" || (tokens[at] as { text: string }).text !== "[") {
        throw new Unreadable(`IN and NOT IN need a list such as ['macos', 'linux'], not ${describeToken(tokens[at])}`);
    }
    const values: PostureLiteral[] = [];
    let i = at + 1;
    for (;;) {
        const token = tokens[i];
        if (token?.kind !== "literal") throw new Unreadable(`expected a value in the list, found ${describeToken(token)}`);
        values.push(token.literal);
        const next = tokens[i + 1];
        if (next?.kind === "punct" && next.text === ",") {
            i += 2;
            continue;
        }
        if (next?.kind === "punct" && next.text === "]") {
            if (i + 2 !== tokens.length) throw new Unreadable(`unexpected ${describeToken(tokens[i + 2])} after the list`);
            return values;
        }
        throw new Unreadable(`expected "," or "]" in the list, found ${describeToken(next)}`);
    }
}

function parseTokens(tokens: readonly Token[]): PostureCondition {
    const first = tokens[0];
    if (first?.kind !== "attribute") {
        throw new Unreadable(`a condition starts with an attribute such as node:os, not ${describeToken(first)}`);
    }
    const attribute = first.text;
    // A bare attribute ("node:tsAutoUpdate", as in Tailscale's default policy template) asserts it is true.
    if (tokens.length === 1) return { kind: "compare", attribute, operator: "==", value: { kind: "boolean", value: true } };
    const operator = tokens[1];
    if (operator.kind !== "operator") throw new Unreadable(`expected an operator after ${attribute}, found ${describeToken(operator)}`);
    switch (operator.text) {
        case "IS SET":
        case "NOT SET":
            if (tokens.length > 2) throw new Unreadable(`unexpected ${describeToken(tokens[2])} after ${operator.text}`);
            return { kind: "set", attribute, negated: operator.text === "NOT SET" };
        case "IN":
        case "NOT IN":
            return { kind: "in", attribute, negated: operator.text === "NOT IN", values: readList(tokens, 2) };
        default: {
            const value = tokens[2];
            if (value?.kind !== "literal") throw new Unreadable(`expected a value after ${operator.text}, found ${describeToken(value)}`);
            if (tokens.length > 3) throw new Unreadable(`unexpected ${describeToken(tokens[3])} after the value`);
            return { kind: "compare", attribute, operator: operator.text, value: value.literal };
        }
    }
}

/** Parses one posture condition; never throws (an unreadable condition says why). */
export function parsePostureCondition(text: string): PostureCondition {
    try {
        return parseTokens(tokenize(text));
    } catch (error) {
        if (error instanceof Unreadable) return { kind: "unreadable", text, reason: error.message };
        throw error;
    }
}

// ---------------------------------------------------------------------------------------------
// Versions

/** Compares two runs of digits as unbounded non-negative integers ("" counts as 0). */
function compareDigits(a: string, b: string): number {
    const x = a.replace(/^0+/, "");
    const y = b.replace(/^0+/, "");
    if (x.length !== y.length) return x.length < y.length ? -1 : 1;
    return x === y ? 0 : x < y ? -1 : 1;
}

const RUN = /(\D*)(\d*)/y;

/**
 * Compares two version strings the way Tailscale's cmpver does (the compare function kb/1288 links,
 * https://github.com/tailscale/tailscale/blob/main/util/cmpver/version.go): alternating runs of
 * non-digits (compared as text) and digits (compared as numbers, a missing run counting as 0), the
 * first difference deciding. So "1.80" < "1.80.2" < "1.100", and "1.80" < "1.80.0" (the extra "."
 * decides). Returns -1, 0 or 1.
 */
export function compareVersions(a: string, b: string): number {
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        RUN.lastIndex = i;
        const left = RUN.exec(a) as RegExpExecArray;
        RUN.lastIndex = j;
        const right = RUN.exec(b) as RegExpExecArray;
        if (left[1] !== right[1]) return left[1] < right[1] ? -1 : 1;
        const digits = compareDigits(left[2], right[2]);
        if (digits !== 0) return digits;
        i += left[0].length;
        j += right[0].length;
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function equals(value: PostureValue, literal: PostureLiteral): boolean {
    return typeof value === literal.kind && value === literal.value;
}

/** The text a version comparison reads: strings, or a number as written. */
function versionText(value: PostureValue | PostureLiteral): string | undefined {
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
    if (typeof value === "boolean") return undefined;
    if (value.kind === "string") return value.value;
    return value.kind === "number" ? value.text : undefined;
}

/** Sign of value - literal for an ordering operator; undefined when the two cannot be ordered. */
function order(attribute: string, value: PostureValue, literal: PostureLiteral): number | undefined {
    if (VERSION_ATTRIBUTES.has(attribute)) {
        const left = versionText(value);
        const right = versionText(literal);
        return left === undefined || right === undefined ? undefined : compareVersions(left, right);
    }
    if (typeof value === "number" && literal.kind === "number") return Math.sign(value - literal.value);
    return undefined;
}

/** Whether one condition holds for a device with the attributes `attrs`. */
export function conditionHolds(condition: PostureCondition, attrs: PostureAttributes): boolean {
    if (condition.kind === "unreadable") return false;
    const present = Object.prototype.hasOwnProperty.call(attrs, condition.attribute);
    if (condition.kind === "set") return present !== condition.negated;
    // An attribute the device does not have fails every other operator, negative ones included (kb/1288).
    if (!present) return false;
    const value = attrs[condition.attribute];
    if (condition.kind === "in") return condition.values.some((literal) => equals(value, literal)) !== condition.negated;
    switch (condition.operator) {
        case "==":
            return equals(value, condition.value);
        case "!=":
            return !equals(value, condition.value);
        default: {
            const sign = order(condition.attribute, value, condition.value);
            if (sign === undefined) return false;
            if (condition.operator === "<") return sign < 0;
            if (condition.operator === "<=") return sign <= 0;
            if (condition.operator === ">") return sign > 0;
            return sign >= 0;
        }
    }
}

/** A posture from the `postures` section: its name and parsed conditions (all must hold). */
export interface Posture {
    name: string;
    conditions: readonly PostureCondition[];
}

/** Whether every condition of a posture holds (a posture with no conditions holds for every device). */
export function postureHolds(posture: Posture, attrs: PostureAttributes): boolean {
    for (const condition of posture.conditions) if (!conditionHolds(condition, attrs)) return false;
    return true;
}

/**
 * The text of a tape value as JavaScript's String() gives it for the parsed value ("42", "true",
 * "null", "[object Object]", a list's elements joined by commas): the text an unreadable non-string
 * condition keeps.
 */
function stringForm(tape: PolicyTape, n: number): string {
    switch (tape.kind(n)) {
        case STRING:
            return tape.string(n);
        case NUMBER:
            return String(tape.number(n));
        case TRUE:
            return "true";
        case FALSE:
            return "false";
        case NULL:
            return "null";
        case OBJECT:
            return "[object Object]";
        default: {
            // Array.prototype.join writes null as "".
            let out = "";
            for (let element = tape.first(n), index = 0; element !== NONE; element = tape.next(element), index++) {
                if (index > 0) out += ",";
                if (tape.kind(element) !== NULL) out += stringForm(tape, element);
            }
            return out;
        }
    }
}

/** The conditions of one posture, the tape list `list`; a posture whose value is not a list never holds. */
function readConditions(tape: PolicyTape, list: number): PostureCondition[] {
    if (!tape.isArray(list)) return [{ kind: "unreadable", text: "", reason: "the posture is not a list of conditions" }];
    const conditions: PostureCondition[] = [];
    for (let item = tape.first(list); item !== NONE; item = tape.next(item)) {
        conditions.push(
            tape.isString(item) ? parsePostureCondition(tape.string(item)) : { kind: "unreadable", text: stringForm(tape, item), reason: "a condition must be a string" },
        );
    }
    return conditions;
}

/** The postures of a policy, the tape object `section` (its `postures`), parsed once; none when it is not an object. */
export function readPostures(tape: PolicyTape, section: number): Map<string, Posture> {
    const postures = new Map<string, Posture>();
    if (!tape.isObject(section)) return postures;
    for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) {
        const name = tape.key(entry);
        postures.set(name, { name, conditions: readConditions(tape, entry) });
    }
    return postures;
}

/**
 * What a rule requires of its source's posture: at least one of `postures` must hold. Names that
 * are not defined under `postures` are left out (they can never hold), so an empty list never admits.
 */
export class PostureGate {
    /** Results per attribute set: postures are shared by rules, and one query asks many rules. */
    private readonly verdicts = new WeakMap<PostureAttributes, boolean>();

    constructor(readonly names: readonly string[], readonly postures: readonly Posture[]) {}

    admits(attrs: PostureAttributes): boolean {
        if (attrs === ANY_POSTURE) return true;
        const known = this.verdicts.get(attrs);
        if (known !== undefined) return known;
        const verdict = this.postures.some((posture) => postureHolds(posture, attrs));
        this.verdicts.set(attrs, verdict);
        return verdict;
    }
}

/**
 * Checks and copies posture attributes given by a caller (a plain value), or by a test (its
 * srcPostureAttrs, a small object read from the tape). Returns the frozen copy, or the first
 * problem: the key (or undefined when `value` is not an object) and what is wrong.
 */
export function readPostureAttributes(
    value: unknown,
): { attrs: PostureAttributes } | { problem: { key: string | undefined; value: unknown; reason: string } } {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return { problem: { key: undefined, value, reason: 'give an object of attributes, e.g. {"node:os": "macos", "node:tsVersion": "1.82.0"}' } };
    }
    const attrs: Record<string, PostureValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (!POSTURE_ATTRIBUTE_PATTERN.test(key)) {
            return { problem: { key, value: key, reason: 'name an attribute as namespace:name, e.g. "node:os" or "custom:tier"' } };
        }
        if (!isPostureValue(item)) {
            return { problem: { key, value: item, reason: "give a string, a number or a boolean" } };
        }
        attrs[key] = item;
    }
    return { attrs: Object.freeze(attrs) };
}
