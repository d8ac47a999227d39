/**
 * Deterministic generator of a realistic tailnet policy file of about a target size: per team a
 * group of users, service and database tags, a host and a subnet, grants, legacy acls, SSH rules,
 * and `tests` / `sshTests` that all pass under the offline evaluator. Same seed and size, same bytes.
 */

/** A small seeded PRNG (mulberry32), so the output never depends on Math.random. */
function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export interface GeneratedPolicy {
    text: string;
    teams: number;
    /** Number of network test assertions and SSH test assertions the file holds. */
    assertions: number;
}

const PORT_CHOICES = ["tcp:443", "tcp:8080", "tcp:8000-8100", "udp:53", "443", "tcp:80,443", "icmp:*"];
const ROLES = ["api", "web", "worker", "cache", "queue", "search", "metrics", "auth"];

interface Sections {
    groups: Record<string, string[]>;
    tagOwners: Record<string, string[]>;
    hosts: Record<string, string>;
    grants: unknown[];
    acls: unknown[];
    ssh: unknown[];
    tests: unknown[];
    sshTests: unknown[];
}

function user(team: number, member: number): string {
    return `user${member}.team${team}@example.com`;
}

/** Adds one team's definitions, rules and tests; returns how many assertions it added. */
function addTeam(sections: Sections, team: number, random: () => number): number {
    const group = `group:team${team}`;
    const role = ROLES[team % ROLES.length];
    const svc = `tag:${role}-${team}`;
    const db = `tag:db-${team}`;
    const host = `box-${team}`;
    const size = 3 + Math.floor(random() * 5);
    sections.groups[group] = Array.from({ length: size }, (_, member) => user(team, member));
    sections.tagOwners[svc] = [group];
    sections.tagOwners[db] = [group, "autogroup:admin"];
    sections.hosts[host] = `100.${64 + Math.floor(team / 62500)}.${Math.floor(team / 250) % 250}.${(team % 250) + 1}`;
    const subnet = `10.${Math.floor(team / 256) % 256}.${team % 256}.0/24`;
    const port = PORT_CHOICES[Math.floor(random() * PORT_CHOICES.length)];
    sections.grants.push(
        { src: [group], dst: [svc], ip: ["tcp:443", port] },
        { src: [svc], dst: [db], ip: ["tcp:5432"] },
        { src: [group, "tag:ops"], dst: [host], ip: ["tcp:22", "icmp:*"] },
    );
    sections.acls.push({ action: "accept", src: [group], dst: [`${subnet}:80,443`, `${db}:5432`] });
    sections.ssh.push(
        { action: "check", src: [group], dst: [svc, db], users: ["root"], checkPeriod: "12h" },
        { action: "accept", src: [group], dst: [svc], users: ["autogroup:nonroot"] },
    );
    const next = `tag:${ROLES[(team + 1) % ROLES.length]}-${team + 1}`;
    sections.tests.push(
        {
            src: user(team, 0),
            accept: [`${svc}:443`, `${host}:22`, `${db}:5432`, `10.${Math.floor(team / 256) % 256}.${team % 256}.7:443`],
            deny: [`${db}:22`, `${next}:443`],
        },
        { src: svc, accept: [`${db}:5432`], deny: [`${svc}:22`] },
        { src: user(team, 1), proto: "icmp", accept: [`${host}:0`] },
    );
    sections.sshTests.push(
        { src: user(team, 1), dst: [svc], check: ["root"], accept: ["deploy"] },
        { src: user(team + 1, 0), dst: [svc], deny: ["root", "deploy"] },
    );
    return 6 + 1 + 1 + 1 + 2 + 2;
}

function render(sections: Sections): string {
    const body = {
        // Shared rules every real tailnet has: own devices, ops access, DNS.
        groups: sections.groups,
        tagOwners: { "tag:ops": ["autogroup:admin"], ...sections.tagOwners },
        hosts: sections.hosts,
        grants: [
            { src: ["autogroup:member"], dst: ["autogroup:self"], ip: ["*"] },
            { src: ["autogroup:member"], dst: ["tag:dns"], ip: ["udp:53", "tcp:53"] },
            ...sections.grants,
        ],
        acls: sections.acls,
        ssh: [{ action: "accept", src: ["autogroup:member"], dst: ["autogroup:self"], users: ["autogroup:nonroot"] }, ...sections.ssh],
        tests: sections.tests,
        sshTests: sections.sshTests,
    };
    return JSON.stringify(body, null, 2);
}

/** A policy of about `targetBytes` (within one team's worth), generated from `seed`. */
export function generatePolicy(targetBytes: number, seed: number = 1): GeneratedPolicy {
    const random = prng(seed);
    const sections: Sections = { groups: {}, tagOwners: {}, hosts: {}, grants: [], acls: [], ssh: [], tests: [], sshTests: [] };
    // Estimate the size of one team from a first batch, then generate the rest in one go.
    let teams = 0;
    let assertions = 0;
    const batch = 20;
    for (; teams < batch; teams++) assertions += addTeam(sections, teams, random);
    const perTeam = render(sections).length / batch;
    const wanted = Math.max(batch, Math.round(targetBytes / perTeam));
    for (; teams < wanted; teams++) assertions += addTeam(sections, teams, random);
    return { text: asReadFromFile(render(sections)), teams, assertions };
}

/**
 * The text as `tailnet-guard audit` gets it from fs.readFileSync: one flat string. JSON.stringify
 * builds its result as a rope of pieces, and every character read from a rope takes a detour, which
 * would make the benchmark measure the generator's string layout rather than the analysis.
 */
function asReadFromFile(text: string): string {
    return Buffer.from(text, "utf8").toString("utf8");
}
