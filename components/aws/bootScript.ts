/**
 * The boot script of a tailnet-guard router on Amazon Linux 2023: installs Tailscale from the
 * official package repository, turns on client auto-updates (R3), reads the auth key from an SSM
 * SecureString with the instance role (the AWS CLI signs in through IMDSv2), and joins with the
 * advertised tags. The key never appears in the script, on a command line or in the trace output.
 * Install: https://tailscale.com/kb/1052/install-amazon-linux-2 (the script uses the package repository for Amazon Linux 2023) ; subnet routers:
 * https://tailscale.com/kb/1019/subnets ; auto-updates: https://tailscale.com/kb/1067/update
 */

export const ROUTER_MODES = ["subnetRouter", "exitNode", "appConnector"] as const;
export type RouterMode = (typeof ROUTER_MODES)[number];

export interface BootScriptOptions {
    /** Name of the SSM SecureString parameter that holds the auth key (not the key). */
    authKeyParameterName: string;
    /** Tags to advertise. */
    tags: readonly string[];
    /** Routes to advertise (subnet routers). */
    routes: readonly string[];
    mode: RouterMode;
    /** The device's Tailscale hostname. */
    hostname: string;
}

/** Single-quotes a value for bash. */
function quote(value: string): string {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function renderBootScript(opts: BootScriptOptions): string {
    const upFlags = [
        `--auth-key="file:$KEY_FILE"`,
        `--hostname=${quote(opts.hostname)}`,
        `--advertise-tags=${quote(opts.tags.join(","))}`,
    ];
    if (opts.routes.length > 0) upFlags.push(`--advertise-routes=${quote(opts.routes.join(","))}`);
    if (opts.mode === "exitNode") upFlags.push("--advertise-exit-node");
    if (opts.mode === "appConnector") upFlags.push("--advertise-connector");
    return [
        "#!/bin/bash",
        "# tailnet-guard router boot script. The auth key is read from SSM at boot; it is not in this script.",
        "set -euo pipefail",
        "",
        "# Tailscale from its official package repository.",
        "curl -fsSL https://pkgs.tailscale.com/stable/amazon-linux/2023/tailscale.repo -o /etc/yum.repos.d/tailscale.repo",
        "dnf install -y tailscale",
        "systemctl enable --now tailscaled",
        "",
        "# Forward packets for the advertised routes.",
        "printf 'net.ipv4.ip_forward = 1\\nnet.ipv6.conf.all.forwarding = 1\\n' > /etc/sysctl.d/99-tailscale.conf",
        "sysctl -p /etc/sysctl.d/99-tailscale.conf",
        "",
        "# Region from the instance metadata service, IMDSv2 (session token) only.",
        'IMDS_TOKEN="$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H \'X-aws-ec2-metadata-token-ttl-seconds: 300\')"',
        'REGION="$(curl -fsS -H "X-aws-ec2-metadata-token: $IMDS_TOKEN" http://169.254.169.254/latest/meta-data/placement/region)"',
        "",
        "# The key goes from SSM to a root-only file and from there to tailscaled: never on a command line, never traced.",
        "set +x",
        "umask 077",
        'KEY_FILE="$(mktemp)"',
        "trap 'rm -f \"$KEY_FILE\"' EXIT",
        `aws ssm get-parameter --region "$REGION" --name ${quote(opts.authKeyParameterName)} --with-decryption --query Parameter.Value --output text > "$KEY_FILE"`,
        `tailscale up ${upFlags.join(" ")}`,
        'rm -f "$KEY_FILE"',
        "",
        "# Client auto-updates (R3).",
        "tailscale set --auto-update=true",
        "",
    ].join("\n");
}
