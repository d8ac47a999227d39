/** The TailnetSettings rules that demand one boolean be true: each fails closed, remediates, and waits on unknowns. */
import * as assert from "assert";
import type { ResourceRule } from "../../../policies/rule";
import {
    tailnetAutoUpdates,
    tailnetDeviceApproval,
    tailnetNetworkFlowLogging,
    tailnetPostureIdentity,
    tailnetUserApproval,
} from "../../../policies/rules";
import { remediated, resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const SETTINGS = "tailscale:index/tailnetSettings:TailnetSettings";

const toggles: Array<[ResourceRule, string]> = [
    [tailnetDeviceApproval, "devicesApprovalOn"],
    [tailnetUserApproval, "usersApprovalOn"],
    [tailnetAutoUpdates, "devicesAutoUpdatesOn"],
    [tailnetPostureIdentity, "postureIdentityCollectionOn"],
    [tailnetNetworkFlowLogging, "networkFlowLoggingOn"],
];

for (const [rule, field] of toggles) {
    describe(`rule ${rule.name}`, () => {
        it(`passes when ${field} is true`, () => {
            assert.deepStrictEqual(violations(rule, resource(SETTINGS, "s", { [field]: true })), []);
        });

        it(`flags ${field} false or unset, naming the field`, () => {
            const off = violations(rule, resource(SETTINGS, "s", { [field]: false }));
            assert.strictEqual(off.length, 1);
            assert.match(off[0], new RegExp(`^${field} is false`));
            assert.match(violations(rule, resource(SETTINGS, "s", {}))[0], new RegExp(`^${field} is unset`));
        });

        it(`says it cannot verify ${field} while it is unknown`, () => {
            unknownOutcome(rule, resource(SETTINGS, "s", { [field]: UNKNOWN }), field);
        });

        it(`remediates by setting ${field} to true and keeps the other inputs`, () => {
            const fixed = remediated(rule, resource(SETTINGS, "s", { [field]: false, devicesKeyDurationDays: 30, other: UNKNOWN }));
            assert.deepStrictEqual(fixed, { [field]: true, devicesKeyDurationDays: 30, other: UNKNOWN });
            assert.strictEqual(remediated(rule, resource(SETTINGS, "s", { [field]: true })), undefined);
        });
    });
}
