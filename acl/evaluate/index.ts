/**
 * Offline evaluation of a Tailscale policy file: reachability and SSH queries, and running the
 * file's own `tests` and `sshTests`. Semantics and assumptions: see semantics.ts.
 */
export { SEMANTICS_SOURCES } from "./semantics";
export { EvaluationArgumentError } from "./errors";
export { parseAddress, rangeContains, isInternetRange, type AddressRange } from "./addresses";
export {
    parseGrantIp,
    parsePorts,
    parseProtocol,
    protocolName,
    DEFAULT_PROTOCOLS,
    type PortRange,
    type PortSpec,
} from "./ports";
export { buildModel, parsePrincipal, PolicyModel, ROLE_AUTOGROUPS, type EvaluatorOptions, type Principal } from "./model";
export { indexRules, LocalUsers, RuleTable, type RuleRef, type RuleSection, type SshRuleAction } from "./rules";
export {
    parsePostureCondition,
    conditionHolds,
    compareVersions,
    postureHolds,
    readPostures,
    readPostureAttributes,
    isPostureValue,
    PostureGate,
    NO_POSTURE_ATTRIBUTES,
    POSTURE_ATTRIBUTE_PATTERN,
    VERSION_ATTRIBUTES,
    type ComparisonOperator,
    type Posture,
    type PostureAttributes,
    type PostureCondition,
    type PostureLiteral,
    type PostureValue,
} from "./posture";
export {
    createEvaluator,
    PolicyEvaluator,
    type QueryOptions,
    type ReachResult,
    type RuleMatch,
    type SshAction,
    type SshResult,
} from "./evaluator";
export {
    runPolicyTests,
    describeRule,
    parseTestDestination,
    NO_RULE_MATCHED,
    type PolicyTestReport,
    type TestExpectation,
    type TestFailure,
} from "./runTests";
export {
    accessMatrix,
    formatCell,
    formatNetwork,
    formatSsh,
    OTHER_LOCAL_USER,
    type AccessMatrix,
    type MatrixAxis,
    type MatrixCell,
    type MatrixDestinationKind,
    type MatrixSourceKind,
    type ProtocolPorts,
} from "./matrix";
export { renderMatrixDot, renderMatrixHtml, renderMatrixMarkdown, renderMatrixText } from "./matrixRender";
