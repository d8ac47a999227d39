import * as assert from "assert";
import { tailnetAclsExternallyManaged as rule } from "../../../policies/rules";
import { remediated, resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const SETTINGS = "tailscale:index/tailnetSettings:TailnetSettings";
const good = { aclsExternallyManagedOn: true, aclsExternalLink: "https://github.com/example/tailnet" };

describe("rule tailnet-acls-externally-managed", () => {
    it("passes with the flag on and an https link", () => {
        assert.deepStrictEqual(violations(rule, resource(SETTINGS, "s", good)), []);
    });

    it("flags the flag off and a missing or http link", () => {
        const messages = violations(rule, resource(SETTINGS, "s", { aclsExternallyManagedOn: false, aclsExternalLink: "http://x" }));
        assert.strictEqual(messages.length, 2);
        assert.match(messages[0], /aclsExternallyManagedOn is false/);
        assert.match(messages[1], /aclsExternalLink is "http:\/\/x"/);
    });

    it("requires the link only when requireLink is set (off by default)", () => {
        assert.deepStrictEqual(violations(rule, resource(SETTINGS, "s", { aclsExternallyManagedOn: true })), []);
        const required = violations(rule, resource(SETTINGS, "s", { aclsExternallyManagedOn: true }), { requireLink: true });
        assert.deepStrictEqual(required, ["aclsExternalLink is unset: set it to the https URL of the repository holding the policy file."]);
    });

    it("cannot verify an unknown flag", () => {
        unknownOutcome(rule, resource(SETTINGS, "s", { ...good, aclsExternallyManagedOn: UNKNOWN }), "aclsExternallyManagedOn");
    });

    it("remediates only the flag, never guessing a link", () => {
        assert.deepStrictEqual(remediated(rule, resource(SETTINGS, "s", {})), { aclsExternallyManagedOn: true });
    });
});
