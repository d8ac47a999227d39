import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { expectRefused, findOne, installMocks, settle, type Registration } from "./harness";

const KEY = "tailscale:index/tailnetKey:TailnetKey";

describe("components: AuthKey", () => {
    let registrations: Registration[];
    let mod: typeof import("../../components/authKey");

    before(async () => {
        registrations = await installMocks();
        mod = require("../../components/authKey");
    });

    it("defaults to a tagged, single-use, one-hour key that is not pre-authorized, with a secret key", async () => {
        const key = new mod.AuthKey("ak-default", { tags: ["tag:server"], description: "default key" });
        await settle();
        const { inputs } = findOne(registrations, KEY, "ak-default");
        assert.deepStrictEqual(
            { tags: inputs.tags, expiry: inputs.expiry, reusable: inputs.reusable, ephemeral: inputs.ephemeral, preauthorized: inputs.preauthorized },
            { tags: ["tag:server"], expiry: 3600, reusable: false, ephemeral: false, preauthorized: false },
        );
        assert.strictEqual(await pulumi.isSecret(key.key), true);
    });

    it("server preset: pre-authorized, single use, durable, one hour", async () => {
        mod.AuthKey.server("ak-server", { tags: ["tag:server"], description: "server" });
        await settle();
        const { inputs } = findOne(registrations, KEY, "ak-server");
        assert.deepStrictEqual([inputs.preauthorized, inputs.reusable, inputs.ephemeral, inputs.expiry], [true, false, false, 3600]);
    });

    it("ephemeralFleet preset: reusable only together with ephemeral, one day", async () => {
        mod.AuthKey.ephemeralFleet("ak-fleet", { tags: ["tag:ci"], description: "ci runners" });
        await settle();
        const { inputs } = findOne(registrations, KEY, "ak-fleet");
        assert.deepStrictEqual([inputs.preauthorized, inputs.reusable, inputs.ephemeral, inputs.expiry], [true, true, true, 86400]);
    });

    it("userDevice preset: untagged allowed, never pre-authorized", async () => {
        mod.AuthKey.userDevice("ak-user", { description: "laptop" });
        await settle();
        const { inputs } = findOne(registrations, KEY, "ak-user");
        assert.deepStrictEqual([inputs.preauthorized, inputs.reusable, inputs.tags], [false, false, []]);
        await expectRefused(registrations, "ak-user-pre", () => mod.AuthKey.userDevice("ak-user-pre", { description: "laptop", preauthorized: true }), [
            "preauthorized",
            "admin approves",
        ]);
    });

    it("honours an explicit loosening within the limits (seven days, pre-authorized)", async () => {
        new mod.AuthKey("ak-loose", { tags: ["tag:server"], description: "loose", expirySeconds: 604800, preauthorized: true });
        await settle();
        const { inputs } = findOne(registrations, KEY, "ak-loose");
        assert.deepStrictEqual([inputs.expiry, inputs.preauthorized], [604800, true]);
    });

    it("refuses a bad tag, naming the field and the fix, before registering anything", async () => {
        await expectRefused(registrations, "ak-badtag", () => new mod.AuthKey("ak-badtag", { tags: ["server"], description: "x" }), [
            "AuthKey ak-badtag",
            "tags",
            '"server"',
            '"tag:"',
        ]);
    });

    it("refuses an expiry outside Tailscale's 1 second to 90 days", async () => {
        for (const expirySeconds of [0, 90 * 24 * 3600 + 1, 1.5]) {
            await expectRefused(registrations, "ak-expiry", () => new mod.AuthKey("ak-expiry", { tags: ["tag:a"], description: "x", expirySeconds }), [
                "expirySeconds",
                String(expirySeconds),
                "from 1 to",
            ]);
        }
    });

    it("refuses a reusable durable key through the pack's own rule", async () => {
        await expectRefused(registrations, "ak-reuse", () => new mod.AuthKey("ak-reuse", { tags: ["tag:a"], description: "x", reusable: true }), [
            "auth-key-reusable-ephemeral",
            "ephemeral: true",
        ]);
    });

    it("refuses an untagged key without the userDevice preset, and an unknown preset", async () => {
        await expectRefused(registrations, "ak-untagged", () => new mod.AuthKey("ak-untagged", { description: "x" }), ["tags", "unset", "at least one tag"]);
        await expectRefused(
            registrations,
            "ak-preset",
            () => new mod.AuthKey("ak-preset", { tags: ["tag:a"], description: "x", preset: "laptop" as never }),
            ["preset", '"laptop"', '"server", "ephemeralFleet", "userDevice"'],
        );
    });
});
