import * as assert from "assert";
import { childrenNamed, expectRefused, findOne, installMocks, settle, type Registration } from "./harness";

describe("components: ManagedDevice", () => {
    let registrations: Registration[];
    let mod: typeof import("../../components/deviceHygiene");

    before(async () => {
        registrations = await installMocks();
        mod = require("../../components/deviceHygiene");
    });

    it("by default manages only the device key, and keeps it expiring", async () => {
        new mod.ManagedDevice("dev-min", { deviceId: "n123" });
        await settle();
        assert.deepStrictEqual(findOne(registrations, "tailscale:index/deviceKey:DeviceKey", "dev-min-key").inputs, { deviceId: "n123", keyExpiryDisabled: false });
        assert.deepStrictEqual(childrenNamed(registrations, "dev-min").map((r) => r.type), ["tailscale:index/deviceKey:DeviceKey"]);
    });

    it("authorizes, tags, approves routes and disables key expiry for a tagged server", async () => {
        new mod.ManagedDevice("dev-srv", { deviceId: "n9", authorized: true, tags: ["tag:db"], keyExpiryDisabled: true, routes: ["10.0.0.0/24", "0.0.0.0/0"] });
        await settle();
        assert.deepStrictEqual(findOne(registrations, "tailscale:index/deviceAuthorization:DeviceAuthorization", "dev-srv-authorization").inputs, { deviceId: "n9", authorized: true });
        assert.deepStrictEqual(findOne(registrations, "tailscale:index/deviceTags:DeviceTags", "dev-srv-tags").inputs, { deviceId: "n9", tags: ["tag:db"] });
        assert.deepStrictEqual(findOne(registrations, "tailscale:index/deviceKey:DeviceKey", "dev-srv-key").inputs.keyExpiryDisabled, true);
        assert.deepStrictEqual(findOne(registrations, "tailscale:index/deviceSubnetRoutes:DeviceSubnetRoutes", "dev-srv-routes").inputs.routes, ["10.0.0.0/24", "0.0.0.0/0"]);
    });

    it("refuses disabling key expiry on an untagged device, bad routes and bad tags", async () => {
        await expectRefused(registrations, "dev-user", () => new mod.ManagedDevice("dev-user", { deviceId: "n1", keyExpiryDisabled: true }), [
            "keyExpiryDisabled",
            "tagged device",
        ]);
        await expectRefused(registrations, "dev-route", () => new mod.ManagedDevice("dev-route", { deviceId: "n1", routes: ["10.0.0.1/24"] }), [
            "routes[0]",
            '"10.0.0.1/24"',
            '"10.0.0.0/24"',
        ]);
        await expectRefused(registrations, "dev-tag", () => new mod.ManagedDevice("dev-tag", { deviceId: "n1", tags: ["tag:"] }), ['tags entry "tag:"', "device-tags-valid"]);
        await expectRefused(registrations, "dev-notag", () => new mod.ManagedDevice("dev-notag", { deviceId: "n1", tags: [] }), ["tags is empty", "device-tags-valid"]);
        await expectRefused(registrations, "dev-id", () => new mod.ManagedDevice("dev-id", { deviceId: "" }), ["deviceId", "nodeId"]);
    });
});

describe("components: address validation", () => {
    let registrations: Registration[];
    let mod: typeof import("../../components/deviceHygiene");

    before(async () => {
        registrations = await installMocks();
        mod = require("../../components/deviceHygiene");
    });

    it("refuses legacy IPv4 spellings that ipaddr would otherwise accept", async () => {
        for (const route of ["10.1/16", "0x0a.0.0.0/8", "10.0.0.0/33", "fd00::1/64"]) {
            await expectRefused(registrations, "addr-bad", () => new mod.ManagedDevice("addr-bad", { deviceId: "n1", routes: [route] }), ["routes[0]", JSON.stringify(route)]);
        }
    });
});
