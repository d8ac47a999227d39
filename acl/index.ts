/**
 * Tailscale policy-file analysis: parse HuJSON with positions, check it for risky or broken
 * rules, and render typed policy documents back to deterministic HuJSON.
 */
export { formatLocation, type SourceLocation } from "./location";
export { POLICY_TEST_IDS, POLICY_VALIDATION_IDS } from "./findings";
export type { PolicyCheckId, PolicyFinding, PolicyLintId, PolicyTestId, PolicyValidationId } from "./findings";
export { parsePolicy, type ParsedPolicy } from "./parse";
export { ARRAY, FALSE, NONE, NULL, NUMBER, OBJECT, STRING, TRUE, type PolicyTape, type TapeJsonType } from "./tape";
export { analyzePolicy, analyzeParsedPolicy, checkPolicy, type AnalyzeOptions, type PolicyAnalysis } from "./analyze";
export {
    accessMatrix,
    createEvaluator,
    runPolicyTests,
    PolicyEvaluator,
    type AccessMatrix,
    type PolicyTestReport,
    type ReachResult,
    type SshResult,
    type TestFailure,
} from "./evaluate";
export { DEFAULT_MAX_CHECK_PERIOD_HOURS, LINT_CATALOG, type LintResponsibility, type LintSpec } from "./checks";
export { AUTOGROUPS, autogroupSpec, CONTEXT_NAMES, type AutogroupSpec, type SelectorContext } from "./grammar/autogroups";
export { PROTOCOL_NUMBERS, protocolNumber } from "./grammar/protocols";
export { TOP_LEVEL_SECTIONS, ENTRY_KEYS } from "./grammar/sections";
export { checkGrammar, classifySelector, selectorProblem, portsProblem, grantIpProblem, durationMinutes, isAppConnectorDomain } from "./validate";
export { renderPolicy, PolicyRenderError, MAX_RENDER_DEPTH, formatJsonPath } from "./render";
export { APP_CONNECTORS_CAPABILITY } from "./document";
export type {
    AclRule,
    AclTest,
    AppConnectorConfig,
    AutoApprovers,
    DerpMap,
    DerpNode,
    DerpRegion,
    Grant,
    IpSetSelector,
    NodeAttr,
    ServiceSelector,
    SshRule,
    SshTest,
    AutogroupSelector,
    GroupSelector,
    PolicyDocument,
    PostureSelector,
    TagSelector,
    UserSelector,
} from "./document";
