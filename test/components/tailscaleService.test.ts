import * as assert from "assert";
import { expectRefused, findOne, installMocks, settle, valueOf, type Registration } from "./harness";

const SERVICE = "tailscale:index/service:Service";

describe("components: TailscaleService", () => {
    let registrations: Registration[];
    let mod: typeof import("../../components/tailscaleService");

    before(async () => {
        registrations = await installMocks();
        mod = require("../../components/tailscaleService");
    });

    it("registers the service and approves only its host tag to serve it", async () => {
        const svc = new mod.TailscaleService("svc-ok", { serviceName: "svc:grafana", ports: ["tcp:443", "tcp:8000-8010"], hostTag: "tag:monitoring", tags: ["tag:dashboards"] });
        await settle();
        assert.deepStrictEqual(findOne(registrations, SERVICE, "svc-ok").inputs, { name: "svc:grafana", ports: ["tcp:443", "tcp:8000-8010"], tags: ["tag:dashboards"] });
        assert.deepStrictEqual(svc.policyFragment.autoApprovers, { services: { "svc:grafana": ["tag:monitoring"] } });
        assert.deepStrictEqual(await valueOf(svc.addresses), ["100.100.100.1"]);
    });

    it("refuses bad names, ports and host tags before registering anything", async () => {
        await expectRefused(registrations, "svc-name", () => new mod.TailscaleService("svc-name", { serviceName: "grafana", ports: ["tcp:443"], hostTag: "tag:m" }), [
            "serviceName",
            '"svc:grafana"',
        ]);
        for (const port of ["udp:53", "tcp:0", "tcp:70000", "tcp:9-1", "do-not-validate"]) {
            await expectRefused(registrations, "svc-port", () => new mod.TailscaleService("svc-port", { serviceName: "svc:a", ports: [port], hostTag: "tag:m" }), ["ports", port]);
        }
        await expectRefused(registrations, "svc-tag", () => new mod.TailscaleService("svc-tag", { serviceName: "svc:a", ports: ["tcp:1"], hostTag: "monitoring" as never }), [
            "hostTag",
            '"monitoring"',
        ]);
    });
});
