import { lintTable } from "./lintCases";

lintTable(
    "shadowed-rule",
    [
        {
            name: "an exact duplicate acl",
            policy: { acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:web:443"] }, { action: "accept", src: ["group:eng"], dst: ["tag:web:443"] }] },
            at: "{",
            after: '"tag:web:443"',
            message: /^acls\[1\] allows nothing that acls\[0\] \(same sources\) does not already allow/,
        },
        {
            name: "ports covered by target:* with sources in another order",
            policy: { acls: [{ action: "accept", src: ["group:eng", "group:ops"], dst: ["tag:web:*"] }, { action: "accept", src: ["group:ops", "group:eng"], dst: ["tag:web:22"] }] },
            at: "{",
            after: '"tag:web:*"',
            message: /^acls\[1\] allows nothing that acls\[0\]/,
        },
        {
            name: "a grant whose destinations and ip are a subset",
            policy: { grants: [{ src: ["group:eng"], dst: ["tag:web", "tag:db"], ip: ["tcp:443", "tcp:22"] }, { src: ["group:eng"], dst: ["tag:db"], ip: ["tcp:22"] }] },
            at: "{",
            after: '"tcp:22"',
            message: /^grants\[1\] allows nothing that grants\[0\]/,
        },
        {
            name: "the third rule of a source set, covered by the first (not by the second)",
            policy: {
                acls: [
                    { action: "accept", src: ["group:eng"], dst: ["tag:web:*"] },
                    { action: "accept", src: ["group:eng"], dst: ["tag:db:5432"] },
                    { action: "accept", src: ["group:eng"], dst: ["tag:web:443"] },
                ],
            },
            at: "{",
            after: '"tag:db:5432"',
            message: /^acls\[2\] allows nothing that acls\[0\]/,
        },
        {
            name: "the same acls protocol on both rules",
            policy: { acls: [{ action: "accept", src: ["group:eng"], proto: "udp", dst: ["tag:dns:53"] }, { action: "accept", src: ["group:eng"], proto: "udp", dst: ["tag:dns:53"] }] },
            at: "{",
            after: '"tag:dns:53"',
            message: /^acls\[1\] allows nothing that acls\[0\]/,
        },
    ],
    [
        { name: "different sources", policy: { grants: [{ src: ["group:eng"], dst: ["tag:web"], ip: ["*"] }, { src: ["group:ops"], dst: ["tag:web"], ip: ["*"] }] } },
        { name: "a later rule wider than the earlier", policy: { grants: [{ src: ["group:eng"], dst: ["tag:web"], ip: ["tcp:443"] }, { src: ["group:eng"], dst: ["tag:web"], ip: ["*"] }] } },
        { name: "same grant through a router", policy: { grants: [{ src: ["group:eng"], dst: ["tag:web"], ip: ["*"] }, { src: ["group:eng"], dst: ["tag:web"], ip: ["*"], via: ["tag:router"] }] } },
        { name: "a protocol on the earlier rule only", policy: { acls: [{ action: "accept", src: ["group:eng"], proto: "tcp", dst: ["tag:web:*"] }, { action: "accept", src: ["group:eng"], dst: ["tag:web:443"] }] } },
        { name: "a posture on the earlier grant only", policy: { postures: { "posture:ok": ["node:os == 'linux'"] }, grants: [{ src: ["group:eng"], dst: ["tag:web"], ip: ["*"], srcPosture: ["posture:ok"] }, { src: ["group:eng"], dst: ["tag:web"], ip: ["*"] }] } },
        { name: "different acls protocol", policy: { acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:web:53"] }, { action: "accept", src: ["group:eng"], proto: "udp", dst: ["tag:web:53"] }] } },
    ],
);
