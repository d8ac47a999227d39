/** @pulumi/awsguard with every policy mandatory: a widely used pack to compare start-up against. */
import { AwsGuard } from "@pulumi/awsguard";

new AwsGuard({ all: "mandatory" });
