import * as assert from "assert";
import { deviceSubnetRoutes, deviceTagsValid } from "../../../policies/rules";
import { resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const ROUTES = "tailscale:index/deviceSubnetRoutes:DeviceSubnetRoutes";
const TAGS = "tailscale:index/deviceTags:DeviceTags";

describe("rule device-routes-bounded", () => {
    it("passes specific subnets", () => {
        assert.deepStrictEqual(violations(deviceSubnetRoutes, resource(ROUTES, "r", { deviceId: "d1", routes: ["10.1.0.0/16", "2001:db8:1::/48"] })), []);
    });

    it("flags exit routes, over-broad prefixes and non-CIDR entries", () => {
        const messages = violations(deviceSubnetRoutes, resource(ROUTES, "r", { deviceId: "d1", routes: ["0.0.0.0/0", "10.0.0.0/8", "2001:db8::/32", "10.1.1.1"] }));
        assert.strictEqual(messages.length, 4);
        assert.match(messages[0], /exit node/);
        assert.match(messages[1], /broader than \/16/);
        assert.match(messages[2], /broader than \/48/);
        assert.match(messages[3], /not in CIDR form/);
    });

    it("allows exit nodes and broader prefixes when configured", () => {
        const config = { allowExitNode: true, minIpv4PrefixLength: 8 };
        assert.deepStrictEqual(violations(deviceSubnetRoutes, resource(ROUTES, "r", { routes: ["0.0.0.0/0", "::/0", "10.0.0.0/8"] }), config), []);
    });

    it("cannot verify unknown routes", () => {
        unknownOutcome(deviceSubnetRoutes, resource(ROUTES, "r", { deviceId: "d1", routes: UNKNOWN }), "routes");
    });
});

describe("rule device-tags-valid", () => {
    it("passes well-formed tags", () => {
        assert.deepStrictEqual(violations(deviceTagsValid, resource(TAGS, "t", { deviceId: "d1", tags: ["tag:server", "tag:prod-eu"] })), []);
    });

    it("flags an empty list and malformed tags", () => {
        assert.match(violations(deviceTagsValid, resource(TAGS, "t", { deviceId: "d1", tags: [] }))[0], /tags is empty/);
        assert.strictEqual(violations(deviceTagsValid, resource(TAGS, "t", { deviceId: "d1", tags: ["server", "tag:", "tag:ok"] })).length, 2);
    });

    it("cannot verify unknown tags", () => {
        unknownOutcome(deviceTagsValid, resource(TAGS, "t", { deviceId: "d1", tags: UNKNOWN }), "tags");
    });
});
