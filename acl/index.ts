/**
 * Tailscale policy-file analysis: parse HuJSON with positions, check it for risky or broken
 * rules, and render typed policy documents back to deterministic HuJSON.
 */
export { formatLocation, type SourceLocation } from "./location";
export type { PolicyCheckId, PolicyFinding } from "./findings";
export { parsePolicy, type ParsedPolicy } from "./parse";
export { analyzePolicy, checkPolicy } from "./analyze";
export { renderPolicy } from "./render";
export type {
    AutogroupSelector,
    GroupSelector,
    PolicyDocument,
    PostureSelector,
    TagSelector,
    UserSelector,
} from "./document";
