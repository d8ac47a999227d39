import * as assert from "assert";
import { renderBootScript } from "../../components/aws/bootScript";

const base = { authKeyParameterName: "/tailnet-guard/r/auth-key", tags: ["tag:router", "tag:vpc-a"], routes: ["10.0.0.0/16", "fd00::/64"], hostname: "r" };

function upLine(script: string): string {
    const line = script.split("\n").find((l) => l.startsWith("tailscale up "));
    assert.ok(line, "the script runs tailscale up");
    return line;
}

describe("components: router boot script", () => {
    it("advertises tags and routes, reading the key from a file, after tracing is off", () => {
        const script = renderBootScript({ ...base, mode: "subnetRouter" });
        assert.strictEqual(
            upLine(script),
            `tailscale up --auth-key="file:$KEY_FILE" --hostname='r' --advertise-tags='tag:router,tag:vpc-a' --advertise-routes='10.0.0.0/16,fd00::/64'`,
        );
        const lines = script.split("\n");
        assert.ok(lines.indexOf("set +x") < lines.indexOf(upLine(script)));
        assert.ok(lines.indexOf("umask 077") < lines.findIndex((l) => l.startsWith("aws ssm get-parameter")));
        assert.ok(lines.includes("tailscale set --auto-update=true"));
    });

    it("adds the exit-node or app-connector flag for those modes only", () => {
        assert.ok(upLine(renderBootScript({ ...base, routes: [], mode: "exitNode" })).endsWith("--advertise-exit-node"));
        assert.ok(upLine(renderBootScript({ ...base, routes: [], mode: "appConnector" })).endsWith("--advertise-connector"));
        assert.ok(!/--advertise-(exit-node|connector)/.test(upLine(renderBootScript({ ...base, mode: "subnetRouter" }))));
        assert.ok(!upLine(renderBootScript({ ...base, routes: [], mode: "exitNode" })).includes("--advertise-routes"));
    });

    it("quotes a parameter name so the shell cannot split or expand it", () => {
        const script = renderBootScript({ ...base, authKeyParameterName: "/a b/$(x)'q", mode: "subnetRouter" });
        assert.ok(script.includes(`--name '/a b/$(x)'\\''q'`));
    });
});
