import * as assert from "assert";
import { evaluateStackRule } from "../../../policies/evaluate";
import { stackDnsSingleOwner, stackLogStreamExists, stackSecurityContacts, stackTagOwners, stackTailnetSingletons } from "../../../policies/rules";
import { assertCannotVerify, stackResource, stackViolations, UNKNOWN } from "../helpers";

const T = {
    settings: "tailscale:index/tailnetSettings:TailnetSettings",
    acl: "tailscale:index/acl:Acl",
    key: "tailscale:index/tailnetKey:TailnetKey",
    oauth: "tailscale:index/oauthClient:OauthClient",
    deviceTags: "tailscale:index/deviceTags:DeviceTags",
    stream: "tailscale:index/logstreamConfiguration:LogstreamConfiguration",
    contacts: "tailscale:index/contacts:Contacts",
    dns: "tailscale:index/dnsConfiguration:DnsConfiguration",
    dnsPrefs: "tailscale:index/dnsPreferences:DnsPreferences",
};

const POLICY = `{
  // comments and trailing commas are fine
  "tagOwners": { "tag:server": ["group:admins"], },
}`;

const otherTailnet = {
    type: "pulumi:providers:tailscale",
    urn: "urn:pulumi:dev::test::pulumi:providers:tailscale::other",
    name: "other",
    props: { tailnet: "other.example.com" },
};

describe("rule tailnet-single-settings-and-policy", () => {
    it("passes one of each per tailnet, across two tailnets", () => {
        const resources = [
            stackResource(T.settings, "s", {}),
            stackResource(T.acl, "a", { acl: POLICY }),
            stackResource(T.settings, "s2", {}, { provider: otherTailnet }),
            stackResource(T.acl, "a2", { acl: POLICY }, { provider: otherTailnet }),
        ];
        assert.deepStrictEqual(stackViolations(stackTailnetSingletons, resources), []);
    });

    it("flags a missing TailnetSettings and a second Acl for the same tailnet, at the duplicate", () => {
        const second = stackResource(T.acl, "a2", { acl: POLICY });
        const found = stackViolations(stackTailnetSingletons, [stackResource(T.acl, "a", { acl: POLICY }), second]);
        assert.strictEqual(found.length, 2);
        assert.match(found[0].message, /has no TailnetSettings/);
        assert.match(found[1].message, /has 2 Acl \(policy file\) resources \(a, a2\)/);
        assert.strictEqual(found[1].urn, second.urn);
    });

    it("names the tailnet from the provider config", () => {
        const found = stackViolations(stackTailnetSingletons, [stackResource(T.settings, "s", {}, { provider: otherTailnet })]);
        assert.match(found[0].message, /^tailnet other.example.com has no Acl/);
    });
});

describe("rule tags-owned-in-policy", () => {
    it("passes tags owned in the policy file (HuJSON)", () => {
        const resources = [
            stackResource(T.acl, "a", { acl: POLICY }),
            stackResource(T.key, "k", { tags: ["tag:server"] }),
            stackResource(T.deviceTags, "d", { deviceId: "1", tags: ["tag:server"] }),
        ];
        assert.deepStrictEqual(stackViolations(stackTagOwners, resources), []);
    });

    it("flags an unowned tag at the resource that uses it", () => {
        const client = stackResource(T.oauth, "ci", { scopes: ["auth_keys"], tags: ["tag:ci"] });
        const found = stackViolations(stackTagOwners, [stackResource(T.acl, "a", { acl: POLICY }), client]);
        assert.deepStrictEqual(found, [{ message: "ci uses tag:ci, which has no owner in the tailnet of provider default's policy file tagOwners.", urn: client.urn }]);
    });

    it("leaves tags to the syntax rule when the policy file does not parse", () => {
        assert.deepStrictEqual(stackViolations(stackTagOwners, [stackResource(T.acl, "a", { acl: "{ nope" }), stackResource(T.key, "k", { tags: ["tag:x"] })]), []);
    });

    it("cannot verify while the policy text is unknown", () => {
        const outcome = evaluateStackRule(stackTagOwners, [stackResource(T.acl, "a", { acl: UNKNOWN }), stackResource(T.key, "k", { tags: ["tag:x"] })]);
        assertCannotVerify(outcome, "acl");
    });
});

describe("rule log-stream-configured", () => {
    it("passes when configuration logs are streamed", () => {
        assert.deepStrictEqual(stackViolations(stackLogStreamExists, [stackResource(T.stream, "l", { logType: "configuration" })]), []);
    });

    it("flags each missing log type", () => {
        const found = stackViolations(stackLogStreamExists, [stackResource(T.stream, "l", { logType: "configuration" })], { requiredLogTypes: ["configuration", "network"] });
        assert.strictEqual(found.length, 1);
        assert.match(found[0].message, /streams no network logs/);
    });

    it("cannot verify an unknown log type", () => {
        assertCannotVerify(evaluateStackRule(stackLogStreamExists, [stackResource(T.stream, "l", { logType: UNKNOWN })]), "logType");
    });
});

describe("rule security-contacts-managed", () => {
    it("passes a Contacts resource with a security contact", () => {
        assert.deepStrictEqual(stackViolations(stackSecurityContacts, [stackResource(T.contacts, "c", { securities: [{ email: "s@example.com" }] })]), []);
    });

    it("flags a tailnet without one", () => {
        assert.strictEqual(stackViolations(stackSecurityContacts, [stackResource(T.settings, "s", {}), stackResource(T.contacts, "c", { accounts: [] })]).length, 1);
    });

    it("cannot verify unknown securities", () => {
        assertCannotVerify(evaluateStackRule(stackSecurityContacts, [stackResource(T.contacts, "c", { securities: UNKNOWN })]), "securities");
    });
});

describe("rule dns-single-owner", () => {
    it("passes DnsConfiguration alone, and per-part resources alone", () => {
        assert.deepStrictEqual(stackViolations(stackDnsSingleOwner, [stackResource(T.dns, "d", { magicDns: true })]), []);
        assert.deepStrictEqual(stackViolations(stackDnsSingleOwner, [stackResource(T.dnsPrefs, "p", { magicDns: true })]), []);
    });

    it("flags a per-part resource beside DnsConfiguration, at the part", () => {
        const prefs = stackResource(T.dnsPrefs, "p", { magicDns: true });
        const found = stackViolations(stackDnsSingleOwner, [stackResource(T.dns, "d", {}), prefs]);
        assert.strictEqual(found.length, 1);
        assert.strictEqual(found[0].urn, prefs.urn);
        assert.match(found[0].message, /overlaps DnsConfiguration d/);
    });

    it("does not depend on any property value, so unknowns do not stop it", () => {
        assert.strictEqual(stackViolations(stackDnsSingleOwner, [stackResource(T.dns, "d", { magicDns: UNKNOWN }), stackResource(T.dns, "d2", {})]).length, 1);
    });
});
