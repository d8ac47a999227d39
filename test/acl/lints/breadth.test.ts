import { lintTable } from "./lintCases";

lintTable(
    "near-allow-all",
    [
        { name: "members to every destination (grant)", policy: { grants: [{ src: ["autogroup:member"], dst: ["*"], ip: ["tcp:443"] }] }, at: '"*"', message: /^grants\[0\] lets "autogroup:member" reach every destination \("\*"\); name the tags or hosts/ },
        { name: "everyone to every destination on one port (acls)", policy: { acls: [{ action: "accept", src: ["*"], dst: ["*:22"] }] }, at: '"*:22"', message: /^acls\[0\] lets "\*" reach every destination/ },
        { name: "danger-all to everything", policy: { grants: [{ src: ["autogroup:danger-all"], dst: ["*"], ip: ["*"] }] }, at: '"*"', message: /"autogroup:danger-all" reach every destination/ },
    ],
    [
        { name: "the exact allow-all (reported by allow-all)", policy: { acls: [{ action: "accept", src: ["*"], dst: ["*:*"] }] } },
        { name: "a group to every destination", policy: { grants: [{ src: ["group:ops"], dst: ["*"], ip: ["*"] }] } },
        { name: "members to one tag", policy: { grants: [{ src: ["autogroup:member"], dst: ["tag:web"], ip: ["tcp:443"] }] } },
        { name: "app-only grant", policy: { grants: [{ src: ["*"], dst: ["*"], app: { "example.com/cap": [{}] } }] } },
    ],
);

lintTable(
    "broad-access-to-tagged",
    [
        { name: "members to all tagged devices", policy: { grants: [{ src: ["autogroup:member"], dst: ["autogroup:tagged"], ip: ["*"] }] }, at: '"autogroup:tagged"', message: /^grants\[0\] lets "autogroup:member" reach every tagged device/ },
        { name: "everyone to all tagged devices on 22", policy: { acls: [{ action: "accept", src: ["*"], dst: ["autogroup:tagged:22"] }] }, at: '"autogroup:tagged:22"', message: /^acls\[0\] lets "\*" reach every tagged device/ },
    ],
    [{ name: "a group to all tagged devices", policy: { grants: [{ src: ["group:ops"], dst: ["autogroup:tagged"], ip: ["*"] }] } }],
);

lintTable(
    "exit-node-to-everyone",
    [{ name: "members may use exit nodes", policy: { grants: [{ src: ["autogroup:member"], dst: ["autogroup:internet"], ip: ["*"] }] }, at: '"autogroup:internet"', message: /lets "autogroup:member" use exit nodes \(autogroup:internet\)/ }],
    [{ name: "a group may use exit nodes", policy: { grants: [{ src: ["group:eng"], dst: ["autogroup:internet"], ip: ["*"] }] } }],
);

lintTable(
    "danger-all",
    [{ name: "danger-all as a source", policy: { grants: [{ src: ["autogroup:danger-all"], dst: ["tag:web"], ip: ["tcp:443"] }] }, at: '"autogroup:danger-all"', message: /^grants\[0\]\.src\[0\] uses autogroup:danger-all, which matches every device including ones outside the tailnet/ }],
    [{ name: "members as a source", policy: { grants: [{ src: ["autogroup:member"], dst: ["tag:web"], ip: ["tcp:443"] }] } }],
);

lintTable(
    "funnel-too-broad",
    [
        { name: "funnel for every member (the starter policy)", policy: { nodeAttrs: [{ target: ["autogroup:member"], attr: ["funnel"] }] }, at: '"autogroup:member"', message: /^nodeAttrs\[0\] gives the "funnel" attribute to "autogroup:member"/ },
        { name: "funnel for everyone", policy: { nodeAttrs: [{ target: ["tag:web", "*"], attr: ["funnel"] }] }, at: '"*"', message: /to "\*"/ },
    ],
    [
        { name: "funnel for one tag", policy: { nodeAttrs: [{ target: ["tag:web"], attr: ["funnel"] }] } },
        { name: "another attribute for members", policy: { nodeAttrs: [{ target: ["autogroup:member"], attr: ["mullvad"] }] } },
    ],
);
