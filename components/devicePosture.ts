/**
 * The baseline device posture: a policy fragment that requires a minimum Tailscale client version,
 * client auto-updates and the stable release track (R1/R3), applied to every source by default.
 * Posture attributes: https://tailscale.com/kb/1288/device-posture
 */
import type { PostureSelector } from "../acl";
import type { PolicyFragment } from "./policyFragment";

/** The posture this fragment defines. */
export const BASELINE_POSTURE: PostureSelector = "posture:tailnetGuardBaseline";

/** "1.80" or "1.80.2": the version format `node:tsVersion` compares against. */
export const TAILSCALE_VERSION_PATTERN = /^\d+\.\d+(\.\d+)?$/;

export const RELEASE_TRACKS = ["stable", "any"] as const;
export type ReleaseTrack = (typeof RELEASE_TRACKS)[number];

export interface DevicePostureArgs {
    /**
     * Oldest Tailscale client version allowed to connect, e.g. "1.80". Unset: no version floor. Set it
     * to a version with the fixes of every security bulletin you have acted on (https://tailscale.com/security-bulletins).
     */
    minimumVersion?: string;
    /**
     * Require the client to have auto-updates on (`node:tsAutoUpdate`). Default `true`: a device that
     * does not update itself falls behind security fixes (R3).
     */
    requireAutoUpdate?: boolean;
    /**
     * "stable" (default) requires the stable release track; "any" also admits unstable builds, which get
     * less testing.
     */
    releaseTrack?: ReleaseTrack;
    /**
     * Add the posture to `defaultSrcPosture` so every grant requires it. Default `true`; set `false` to
     * reference BASELINE_POSTURE only in the grants you choose.
     */
    applyByDefault?: boolean;
}

/** The posture conditions for validated arguments, in a stable order. */
export function baselinePostureConditions(args: DevicePostureArgs): string[] {
    const conditions: string[] = [];
    if (args.minimumVersion !== undefined) conditions.push(`node:tsVersion >= '${args.minimumVersion}'`);
    if (args.requireAutoUpdate ?? true) conditions.push("node:tsAutoUpdate"); // a boolean attribute stands alone, as in Tailscale's default policy template
    if ((args.releaseTrack ?? "stable") === "stable") conditions.push("node:tsReleaseTrack == 'stable'");
    return conditions;
}

export function devicePostureFragment(args: DevicePostureArgs, source: string): PolicyFragment | undefined {
    const conditions = baselinePostureConditions(args);
    if (conditions.length === 0) return undefined;
    return {
        source,
        postures: { [BASELINE_POSTURE]: conditions },
        defaultSrcPosture: args.applyByDefault ?? true ? [BASELINE_POSTURE] : undefined,
    };
}
