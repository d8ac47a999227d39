/**
 * Trust credentials for machines (R2): OAuth clients and OIDC workload identities with least-privilege
 * scopes. Scope names follow https://tailscale.com/kb/1623/trust-credentials.
 */
import * as pulumi from "@pulumi/pulumi";
import * as tailscale from "@pulumi/tailscale";
import { federatedIdentityTrust, oauthScopesAllowed, oauthTagsRequired } from "../policies/rules";
import { TAILSCALE_TYPES } from "../policies/resourceTypes";
import { KNOWN_SCOPES } from "../policies/scopes";
import { badArgument } from "./errors";
import { refuseRuleViolations } from "./ruleGate";
import { checkArgsObject, checkBoolean, checkDescription, checkStringList, checkTags, type Checker } from "./validation";

/** The scopes the pack knows (https://tailscale.com/kb/1623/trust-credentials), the same list `oauth-scopes-allowed` uses. */
export const TRUST_CREDENTIAL_SCOPES: readonly string[] = KNOWN_SCOPES;

/** Scopes that grant the whole tailnet, including APIs added in the future. */
export const BROAD_SCOPES = ["all", "all:read"] as const;

/** The arguments both kinds of trust credential share. */
export interface TrustCredentialArgs {
    /**
     * The scopes, each from TRUST_CREDENTIAL_SCOPES (e.g. `["auth_keys"]` for a machine that only mints
     * auth keys). Required and never empty: least privilege means naming what the credential may do.
     */
    scopes: string[];
    /**
     * Tags the credential's tokens may apply to devices. Required with "auth_keys" or "devices:core":
     * devices it creates are then tagged and get only their tag's access.
     */
    tags?: string[];
    /** What the credential is for, shown in the admin console (letters, digits, spaces, '-', '_'; at most 50). */
    description: string;
    /**
     * Allow "all" or "all:read". Default `false`: these cover every API, including ones added later, so
     * a leaked credential exposes the whole tailnet.
     */
    allowBroadScopes?: boolean;
}

/**
 * Checks the shared arguments. Which scopes exist and which need tags is the pack's decision
 * (`oauth-scopes-allowed`, `oauth-tags-required`, run here with their default configuration); refusing
 * "all:read" without `allowBroadScopes` is this component's stricter default.
 */
function checkTrustCredential(c: Checker, args: TrustCredentialArgs, type: string, name: string): void {
    checkArgsObject(c, args, "give { scopes, description, tags }");
    checkBoolean(c, "allowBroadScopes", args.allowBroadScopes);
    if (!Array.isArray(args.scopes) || args.scopes.length === 0) {
        badArgument(c.resource, c.component, "scopes", args.scopes, 'name the scopes the credential needs, e.g. ["auth_keys"]');
    }
    // Each scope a string: the pack's rule reads only the strings, so a number would otherwise pass unseen.
    checkStringList(c, "scopes", args.scopes, 'name each scope as a string, e.g. ["auth_keys"]');
    if (new Set(args.scopes).size !== args.scopes.length) {
        badArgument(c.resource, c.component, "scopes", args.scopes, "list each scope once");
    }
    const broad = args.scopes.filter((scope) => (BROAD_SCOPES as readonly string[]).includes(scope));
    if (broad.length > 0 && args.allowBroadScopes !== true) {
        badArgument(c.resource, c.component, "scopes", broad[0], 'name the specific scopes needed (e.g. "policy_file", "dns:read"); set allowBroadScopes: true only if the credential truly needs every API');
    }
    checkTags(c, "tags", args.tags, { required: false });
    checkDescription(c, "description", args.description);
    const props = { scopes: args.scopes, tags: args.tags ?? [], description: args.description };
    // With allowBroadScopes the broad scopes are the user's explicit choice; every other scope is still checked.
    const narrow = args.scopes.filter((scope) => !(BROAD_SCOPES as readonly string[]).includes(scope));
    const scopeProbe = args.allowBroadScopes === true ? { ...props, scopes: narrow.length > 0 ? narrow : ["all:read"] } : props;
    refuseRuleViolations(c.resource, c.component, [oauthScopesAllowed], { type, name, props: scopeProbe });
    refuseRuleViolations(c.resource, c.component, [oauthTagsRequired], { type, name, props });
}

/**
 * A least-privilege OAuth client (`tailscale.OauthClient`) for automation that holds a secret, e.g. a
 * Kubernetes operator. Its secret is a Pulumi secret output. Prefer `WorkloadIdentity` where the
 * workload has an OIDC identity: then no secret exists to leak.
 *
 * ```ts
 * const operator = new MachineClient("k8s-operator", {
 *     scopes: ["devices:core", "auth_keys"], tags: ["tag:k8s-operator"], description: "k8s operator",
 * });
 * ```
 */
export class MachineClient extends pulumi.ComponentResource {
    /** The client ID (not secret). */
    public readonly clientId: pulumi.Output<string>;
    /** The client secret, as a Pulumi secret. Store it in a secret manager; never print it. */
    public readonly clientSecret: pulumi.Output<string>;
    /** The underlying provider resource. */
    public readonly oauthClient: tailscale.OauthClient;

    constructor(name: string, args: TrustCredentialArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tailnet-guard:tailscale:MachineClient", name, {}, opts);
        checkTrustCredential({ resource: this, component: `MachineClient ${name}` }, args, TAILSCALE_TYPES.oauthClient, name);
        this.oauthClient = new tailscale.OauthClient(
            name,
            { scopes: args.scopes, tags: args.tags, description: args.description },
            { parent: this, additionalSecretOutputs: ["key"] },
        );
        this.clientId = this.oauthClient.id;
        this.clientSecret = pulumi.secret(this.oauthClient.key);
        this.registerOutputs({ clientId: this.clientId, clientSecret: this.clientSecret });
    }
}

export interface WorkloadIdentityArgs extends TrustCredentialArgs {
    /** The OIDC issuer, an https:// URL, e.g. "https://token.actions.githubusercontent.com". */
    issuer: string;
    /**
     * The `sub` claim to accept, e.g. "repo:example/infra:environment:production". Required, and a bare
     * "*" is refused: any workload of the issuer (any GitHub repository!) could then get tokens.
     */
    subject: string;
    /** Further claims that must match, e.g. `{ repository_owner_id: "123" }`. Values may use `*`. */
    customClaimRules?: Record<string, string>;
    /** The `aud` claim. Unset (recommended): Tailscale generates an unguessable audience. */
    audience?: string;
}

/**
 * A federated workload identity (`tailscale.FederatedIdentity`): CI or cloud workloads exchange their
 * OIDC token for a short-lived Tailscale token, so no Tailscale secret is stored anywhere (R2).
 * https://tailscale.com/kb/1581/workload-identity-federation
 *
 * ```ts
 * new WorkloadIdentity("ci", {
 *     issuer: "https://token.actions.githubusercontent.com",
 *     subject: "repo:example/infra:environment:production",
 *     scopes: ["auth_keys"], tags: ["tag:ci"], description: "GitHub Actions deploys",
 * });
 * ```
 */
export class WorkloadIdentity extends pulumi.ComponentResource {
    /** The client ID the workload presents (not secret). */
    public readonly clientId: pulumi.Output<string>;
    /** The audience the workload's OIDC token must carry. */
    public readonly audience: pulumi.Output<string>;
    /** The underlying provider resource. */
    public readonly federatedIdentity: tailscale.FederatedIdentity;

    constructor(name: string, args: WorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tailnet-guard:tailscale:WorkloadIdentity", name, {}, opts);
        const c: Checker = { resource: this, component: `WorkloadIdentity ${name}` };
        checkTrustCredential(c, args, TAILSCALE_TYPES.federatedIdentity, name);
        if (typeof args.subject !== "string" || args.subject.trim() === "") {
            badArgument(this, c.component, "subject", args.subject, 'match one workload, e.g. "repo:example/infra:ref:refs/heads/main"');
        }
        // An https issuer and a subject that is not a bare wildcard: the pack's federated-identity-trust rule decides.
        refuseRuleViolations(this, c.component, [federatedIdentityTrust], {
            type: TAILSCALE_TYPES.federatedIdentity,
            name,
            props: { issuer: args.issuer, subject: args.subject },
        });
        for (const [claim, pattern] of Object.entries(args.customClaimRules ?? {})) {
            if (typeof pattern !== "string" || pattern === "" || /^\*+$/.test(pattern)) {
                badArgument(this, c.component, `customClaimRules.${claim}`, pattern, "give a pattern that narrows the claim; a bare * matches everything");
            }
        }
        if (args.audience !== undefined && (typeof args.audience !== "string" || args.audience === "")) {
            badArgument(this, c.component, "audience", args.audience, "leave it unset so Tailscale generates one, or give a non-empty string");
        }
        this.federatedIdentity = new tailscale.FederatedIdentity(
            name,
            {
                issuer: args.issuer,
                subject: args.subject,
                customClaimRules: args.customClaimRules,
                audience: args.audience,
                scopes: args.scopes,
                tags: args.tags,
                description: args.description,
            },
            { parent: this },
        );
        this.clientId = this.federatedIdentity.id;
        this.audience = this.federatedIdentity.audience;
        this.registerOutputs({ clientId: this.clientId, audience: this.audience });
    }
}
