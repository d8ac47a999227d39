import assert from "node:assert/strict";
import {
    accessMatrix,
    formatCell,
    renderMatrixDot,
    renderMatrixHtml,
    renderMatrixMarkdown,
    renderMatrixText,
} from "../../../acl/evaluate";
import { evaluatorOf } from "./helpers";

/** A small policy in the style of Tailscale's documented examples: a team, a web tier, a database, a NAS. */
const policy = {
    groups: { "group:eng": ["alice@example.com", "bob@example.com"] },
    tagOwners: { "tag:web": ["group:eng"], "tag:db": ["group:eng"] },
    hosts: { nas: "192.168.1.10" },
    grants: [
        { src: ["group:eng"], dst: ["tag:web"], ip: ["tcp:443", "tcp:80"] },
        { src: ["tag:web"], dst: ["tag:db"], ip: ["tcp:5432"] },
        { src: ["alice@example.com"], dst: ["nas", "192.168.1.0/24"], ip: ["*"] },
        { src: ["autogroup:member"], dst: ["autogroup:internet"], ip: ["*"] },
    ],
    acls: [{ action: "accept", src: ["bob@example.com"], dst: ["nas:22"] }],
    ssh: [
        { action: "check", src: ["group:eng"], dst: ["tag:web"], users: ["root"] },
        { action: "accept", src: ["group:eng"], dst: ["tag:web"], users: ["autogroup:nonroot"] },
        { action: "accept", src: ["tag:web"], dst: ["tag:db"], users: ["backup"] },
    ],
};

/** Checked by hand against the rules above and the semantics in acl/evaluate/semantics.ts. */
const expected: Record<string, Record<string, string>> = {
    "alice@example.com": {
        "tag:db": "-",
        "tag:web": "tcp:80,443; ssh backup:accept,root:check,other:accept",
        nas: "*",
        "192.168.1.0/24": "*",
        "autogroup:internet": "*",
        "autogroup:member": "-",
    },
    "bob@example.com": {
        "tag:db": "-",
        "tag:web": "tcp:80,443; ssh backup:accept,root:check,other:accept",
        // acls without proto: TCP, UDP and ICMP (v4 and v6) on port 22
        nas: "icmp:22 tcp:22 udp:22 ipv6-icmp:22",
        "192.168.1.0/24": "-",
        "autogroup:internet": "*",
        "autogroup:member": "-",
    },
    "group:eng": {
        "tag:db": "-",
        "tag:web": "tcp:80,443; ssh backup:accept,root:check,other:accept",
        // alice reaches the NAS on everything, bob on 22 only: the whole group on 22
        nas: "icmp:22 tcp:22 udp:22 ipv6-icmp:22",
        "192.168.1.0/24": "-",
        "autogroup:internet": "*",
        "autogroup:member": "-",
    },
    "tag:db": {
        "tag:db": "-",
        "tag:web": "-",
        nas: "-",
        "192.168.1.0/24": "-",
        "autogroup:internet": "-",
        "autogroup:member": "-",
    },
    "tag:web": {
        "tag:db": "tcp:5432; ssh backup:accept",
        "tag:web": "-",
        nas: "-",
        "192.168.1.0/24": "-",
        "autogroup:internet": "-",
        "autogroup:member": "-",
    },
};

describe("acl/evaluate access matrix", () => {
    const matrix = accessMatrix(evaluatorOf(policy));

    it("lists users, groups and tags as sources and tags, hosts, CIDRs and autogroups as destinations", () => {
        assert.deepEqual(
            matrix.sources.map((s) => `${s.kind} ${s.name}`),
            ["user alice@example.com", "user bob@example.com", "group group:eng", "tag tag:db", "tag tag:web"],
        );
        assert.deepEqual(
            matrix.destinations.map((d) => `${d.kind} ${d.name}`),
            ["tag tag:db", "tag tag:web", "host nas", "cidr 192.168.1.0/24", "autogroup autogroup:internet", "autogroup autogroup:member"],
        );
    });

    it("matches the hand-checked table cell by cell", () => {
        const actual: Record<string, Record<string, string>> = {};
        matrix.sources.forEach((source, i) => {
            actual[source.name] = {};
            matrix.destinations.forEach((destination, j) => (actual[source.name][destination.name] = formatCell(matrix.cells[i][j])));
        });
        assert.deepEqual(actual, expected);
    });

    it("agrees with canReach and sshAction on every cell it reports", () => {
        const evaluator = evaluatorOf(policy);
        assert.equal(evaluator.canReach("bob@example.com", "nas", 22, "udp").allowed, true);
        assert.equal(evaluator.canReach("bob@example.com", "nas", 23, "udp").allowed, false);
        assert.equal(evaluator.sshAction("tag:web", "tag:db", "backup").action, "accept");
        assert.equal(evaluator.sshAction("tag:web", "tag:db", "root").action, "deny");
    });

    it("renders aligned text", () => {
        const text = renderMatrixText(matrix);
        const lines = text.trimEnd().split("\n");
        assert.equal(lines.length, 2 + matrix.sources.length);
        assert.ok(lines[0].startsWith("source \\ destination | tag:db"));
        assert.match(lines[lines.length - 1], /^tag:web\s+\| tcp:5432; ssh backup:accept \| -/);
        const bars = lines.filter((line) => !line.includes("-+-")).map((line) => [...line].filter((c) => c === "|").length);
        assert.deepEqual(new Set(bars), new Set([matrix.destinations.length]));
    });

    it("renders Markdown with one row per source", () => {
        const markdown = renderMatrixMarkdown(matrix).trimEnd().split("\n");
        assert.equal(markdown[0], "| source \\\\ destination | tag:db | tag:web | nas | 192.168.1.0/24 | autogroup:internet | autogroup:member |");
        assert.equal(markdown[1], "| --- | --- | --- | --- | --- | --- | --- |");
        assert.equal(markdown[3], "| bob@example.com | - | tcp:80,443; ssh backup:accept,root:check,other:accept | icmp:22 tcp:22 udp:22 ipv6-icmp:22 | - | * | - |");
    });

    it("renders a self-contained HTML page with every name escaped", () => {
        const html = renderMatrixHtml(matrix, "Access <eng>");
        assert.ok(html.startsWith("<!DOCTYPE html>"));
        assert.ok(html.includes("<title>Access &lt;eng&gt;</title>"));
        assert.ok(!/<script|<link|\bsrc=|https?:/i.test(html), "no external assets");
        assert.equal((html.match(/<tr>/g) ?? []).length, 1 + matrix.sources.length);
        assert.ok(html.includes('<td class="some">tcp:5432<span class="ssh">ssh backup:accept</span></td>'));
    });

    it("renders Graphviz dot with one edge per non-empty cell", () => {
        const dot = renderMatrixDot(matrix);
        const edges = dot.split("\n").filter((line) => line.includes(" -> "));
        const nonEmpty = matrix.cells.flat().filter((cell) => formatCell(cell) !== "-").length;
        assert.equal(edges.length, nonEmpty);
        assert.ok(edges.includes('  "src tag:web" -> "dst tag:db" [label="tcp:5432; ssh backup:accept"];'));
        assert.ok(dot.startsWith("digraph access {"));
        assert.ok(dot.trimEnd().endsWith("}"));
    });
});
