import { lintTable } from "./lintCases";

const grant = { src: ["group:eng"], dst: ["tag:web"], ip: ["tcp:443"] };
const sshRule = { action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"] };

lintTable(
    "missing-tests",
    [{ name: "grants without tests", policy: { grants: [grant] }, at: '[\n    {\n      "src"', after: '"grants"', message: /^the policy has grants but no "tests"/ }],
    [
        { name: "grants with tests", policy: { grants: [grant], tests: [{ src: "alice@example.com", accept: ["tag:web:443"] }] } },
        { name: "no access rules", policy: {} },
    ],
);

lintTable(
    "one-sided-tests",
    [
        { name: "only accept cases", policy: { grants: [grant], tests: [{ src: "alice@example.com", accept: ["tag:web:443"] }] }, at: '[\n    {\n      "src": "alice', message: /no test has a non-empty "deny" list/ },
        { name: "only deny cases", policy: { grants: [grant], tests: [{ src: "alice@example.com", deny: ["tag:web:22"] }] }, at: '[\n    {\n      "src": "alice', message: /no test has a non-empty "accept" list/ },
    ],
    [{ name: "both", policy: { grants: [grant], tests: [{ src: "alice@example.com", accept: ["tag:web:443"], deny: ["tag:web:22"] }] } }],
);

lintTable(
    "ssh-without-tests",
    [{ name: "ssh rules without sshTests", policy: { ssh: [sshRule] }, at: '[\n    {\n      "action"', message: /^the policy has ssh rules but no "sshTests"/ }],
    [{ name: "with sshTests", policy: { ssh: [sshRule], sshTests: [{ src: "alice@example.com", dst: ["tag:db"], check: ["root"] }] } }],
);

lintTable(
    "no-groups",
    [{ name: "rules without groups", policy: { groups: {}, grants: [{ src: ["alice@example.com"], dst: ["tag:web"], ip: ["*"] }] }, at: '[\n    {\n      "src"', message: /defines no "groups"/ }],
    [{ name: "with groups", policy: { grants: [grant] } }],
);

lintTable(
    "legacy-acls",
    [{ name: "acls in use", policy: { acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:web:443"] }] }, at: '[\n    {\n      "action"', message: /uses legacy "acls"; write them as "grants"/ }],
    [{ name: "grants only", policy: { grants: [grant] } }],
);

lintTable(
    "no-device-posture",
    [{ name: "rules without postures", policy: { grants: [grant] }, at: "{", message: /defines no "postures" or "defaultSrcPosture"/ }],
    [
        { name: "with a default posture", policy: { grants: [grant], postures: { "posture:latest": ["node:tsVersion >= '1.60'"] }, defaultSrcPosture: ["posture:latest"] } },
        { name: "no rules", policy: {} },
    ],
);
