/**
 * Keeps secret values out of violation messages. @pulumi/policy unwraps secrets before a policy sees the
 * inputs (deserialize.js), so a rule that quotes a value (an invalid URL, say) cannot know it is quoting
 * a secret. The pack therefore reads the secret values from each request in wire form, before the SDK
 * unwraps them (analyzerHooks.ts wraps the Analyzer handlers), records them by resource URN for the
 * duration of the call, and the adapter replaces them in every message with "[secret]".
 */

/** The engine's marker for a secret value in wire form (github.com/pulumi/pulumi sdk/nodejs/runtime/rpc.ts). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const SECRET_PLACEHOLDER = "[secret]";

/** Shorter strings are not redacted: replacing "1" or "on" everywhere would garble messages and hide nothing. */
const MIN_SECRET_LENGTH = 4;

/** Every string (and number) held inside a secret wrapper of a wire-form value. */
export function secretStringsOf(value: unknown, inSecret = false, into: string[] = []): string[] {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const record = value as Record<string, unknown>;
        if (record[SPECIAL_SIG_KEY] === SECRET_SIG) {
            return secretStringsOf(record.value, true, into);
        }
        Object.values(record).forEach((v) => secretStringsOf(v, inSecret, into));
    } else if (Array.isArray(value)) {
        value.forEach((v) => secretStringsOf(v, inSecret, into));
    } else if (inSecret && (typeof value === "string" || typeof value === "number") && String(value).length >= MIN_SECRET_LENGTH) {
        into.push(String(value));
    }
    return into;
}

/** Secret values by resource URN, with a count of calls in flight for that URN. */
/** Where a resource's secret values come from: a list, or a function read only if a message needs them. */
export type SecretSource = readonly string[] | (() => string[]);

const byUrn = new Map<string, { sources: SecretSource[]; calls: number; resolved?: string[] }>();

export function rememberSecrets(urn: string, secrets: SecretSource): void {
    const entry = byUrn.get(urn);
    if (entry) {
        entry.calls += 1;
        entry.sources.push(secrets);
        entry.resolved = undefined;
    } else {
        byUrn.set(urn, { sources: [secrets], calls: 1 });
    }
}

export function forgetSecrets(urn: string): void {
    const entry = byUrn.get(urn);
    if (entry && --entry.calls <= 0) {
        byUrn.delete(urn);
    }
}

export function secretsOf(urns: Iterable<string>): string[] {
    const all = new Set<string>();
    for (const urn of urns) {
        const entry = byUrn.get(urn);
        if (entry === undefined) continue;
        // Resolved on first use: most resources draw no message, and then their secrets are never read.
        entry.resolved ??= [...new Set(entry.sources.flatMap((source) => (typeof source === "function" ? source() : source)))];
        entry.resolved.forEach((s) => all.add(s));
    }
    return [...all];
}

/** The text with every secret replaced by "[secret]", longest first so that overlapping secrets are fully hidden. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
    return [...secrets].sort((a, b) => b.length - a.length).reduce((out, secret) => out.split(secret).join(SECRET_PLACEHOLDER), text);
}
