import * as assert from "assert";
import { tailnetKeyExpiry as rule } from "../../../policies/rules";
import { remediated, resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const SETTINGS = "tailscale:index/tailnetSettings:TailnetSettings";

describe("rule tailnet-key-expiry", () => {
    it("passes a duration within the maximum", () => {
        assert.deepStrictEqual(violations(rule, resource(SETTINGS, "s", { devicesKeyDurationDays: 30 })), []);
    });

    it("flags unset, zero and too long durations", () => {
        assert.match(violations(rule, resource(SETTINGS, "s", {}))[0], /set it explicitly, at most 90 days/);
        assert.match(violations(rule, resource(SETTINGS, "s", { devicesKeyDurationDays: 0 }))[0], /from 1 to 90/);
        assert.match(violations(rule, resource(SETTINGS, "s", { devicesKeyDurationDays: 120 }))[0], /120/);
    });

    it("honours a configured maximum", () => {
        assert.strictEqual(violations(rule, resource(SETTINGS, "s", { devicesKeyDurationDays: 30 }), { maxDays: 14 }).length, 1);
    });

    it("cannot verify an unknown duration", () => {
        unknownOutcome(rule, resource(SETTINGS, "s", { devicesKeyDurationDays: UNKNOWN }), "devicesKeyDurationDays");
    });

    it("clamps to the maximum when remediating", () => {
        assert.deepStrictEqual(remediated(rule, resource(SETTINGS, "s", { devicesKeyDurationDays: 180 }), { maxDays: 60 }), { devicesKeyDurationDays: 60 });
        assert.strictEqual(remediated(rule, resource(SETTINGS, "s", { devicesKeyDurationDays: 30 })), undefined);
    });
});
