import type { ResourceRule } from "../rule";
import { AWS_TYPES } from "../resourceTypes";
import { asString } from "../values";

/** Tailscale credentials start with "tskey-" (auth keys, OAuth client secrets, API tokens). */
const TAILSCALE_KEY = /tskey-[A-Za-z0-9-]{4,}/;

/** Decodes base64 only when the whole value is base64, so ordinary scripts are not mangled. */
function decodeIfBase64(value: string): string | undefined {
    const compact = value.replace(/\s+/g, "");
    if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
        return undefined;
    }
    return Buffer.from(compact, "base64").toString("utf8");
}

/** True when the text, or its base64 decoding, holds a Tailscale credential literal. */
export function containsTailscaleKey(text: string): boolean {
    if (TAILSCALE_KEY.test(text)) {
        return true;
    }
    const decoded = decodeIfBase64(text);
    return decoded !== undefined && TAILSCALE_KEY.test(decoded);
}

const USER_DATA_FIELDS = ["userData", "userDataBase64"] as const;

export const ec2UserDataAuthKey: ResourceRule = {
    kind: "resource",
    name: "ec2-user-data-no-auth-key",
    description: "EC2 user data must not contain a Tailscale key (tskey-...); read it at boot from SSM or Secrets Manager.",
    responsibility: "R2",
    severity: "critical",
    enforcementLevel: "mandatory",
    rationale:
        "User data is plain text to anyone who can describe the instance or reach its metadata service, and it is " +
        "stored in the stack state unencrypted: a key there is a published key.",
    url: "https://tailscale.com/kb/1085/auth-keys",
    remediationSteps:
        "Store the key as an SSM SecureString (or Secrets Manager secret), let the instance role read that one parameter, " +
        "and fetch it in the boot script.",
    resourceTypes: [AWS_TYPES.instance, AWS_TYPES.launchTemplate],
    check(resource) {
        const found = USER_DATA_FIELDS.filter((field) => {
            const text = asString(resource.props[field]);
            return text !== undefined && containsTailscaleKey(text);
        });
        // The message names the field only: the key itself is never echoed.
        return found.map(
            (field) => `${field} contains a Tailscale key literal (tskey-...): fetch the key at boot from SSM Parameter Store or Secrets Manager instead.`,
        );
    },
};
