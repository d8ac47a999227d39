import * as assert from "assert";
import { tailnetExternalTailnets as rule } from "../../../policies/rules";
import { resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const SETTINGS = "tailscale:index/tailnetSettings:TailnetSettings";

describe("rule tailnet-external-tailnets", () => {
    it('passes "none"', () => {
        assert.deepStrictEqual(violations(rule, resource(SETTINGS, "s", { usersRoleAllowedToJoinExternalTailnet: "none" })), []);
    });

    it("flags a role outside allowedRoles, and unset", () => {
        assert.strictEqual(violations(rule, resource(SETTINGS, "s", { usersRoleAllowedToJoinExternalTailnet: "member" })).length, 1);
        assert.strictEqual(violations(rule, resource(SETTINGS, "s", {})).length, 1);
    });

    it("accepts a role allowed by config", () => {
        assert.deepStrictEqual(
            violations(rule, resource(SETTINGS, "s", { usersRoleAllowedToJoinExternalTailnet: "admin" }), { allowedRoles: ["none", "admin"] }),
            [],
        );
    });

    it("cannot verify an unknown role", () => {
        unknownOutcome(rule, resource(SETTINGS, "s", { usersRoleAllowedToJoinExternalTailnet: UNKNOWN }), "usersRoleAllowedToJoinExternalTailnet");
    });
});
