import { policyFileLintRule } from "../policyFileFindings";

export const policyFileLegacyAcls = policyFileLintRule("legacy-acls", {
    name: "policy-file-prefers-grants",
    rationale:
        "Tailscale recommends grants for all new policy: they express everything acls do, and acls receive no new features.",
    remediationSteps: "Rewrite each acls rule as a grant: the same src, the dst targets without ports, and the ports in \"ip\".",
});
