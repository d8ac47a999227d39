import * as assert from "assert";
import { tailnetHttpsCertificates as rule } from "../../../policies/rules";
import { resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const SETTINGS = "tailscale:index/tailnetSettings:TailnetSettings";

describe("rule tailnet-https-certificate-transparency", () => {
    it("is advisory by default", () => {
        assert.strictEqual(rule.enforcementLevel, "advisory");
    });

    it("warns when HTTPS certificates are turned on", () => {
        assert.match(violations(rule, resource(SETTINGS, "s", { httpsEnabled: true }))[0], /Certificate Transparency/);
    });

    it("is quiet when HTTPS is off or left alone", () => {
        assert.deepStrictEqual(violations(rule, resource(SETTINGS, "s", { httpsEnabled: false })), []);
        assert.deepStrictEqual(violations(rule, resource(SETTINGS, "s", {})), []);
    });

    it("cannot verify an unknown httpsEnabled", () => {
        unknownOutcome(rule, resource(SETTINGS, "s", { httpsEnabled: UNKNOWN }), "httpsEnabled");
    });
});
