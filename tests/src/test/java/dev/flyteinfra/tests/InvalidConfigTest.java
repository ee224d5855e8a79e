package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.stacks.config.ConfigLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one mistake at a time over a valid description: each is rejected with a problem
 * naming the exact field path, what is wrong and how to fix it.
 */
class InvalidConfigTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String VALID = """
      name: flyte
      database:
        host: db.example.com
        passwordSecret: {name: flyte-db, key: password}
      storage:
        metadataBucket: flyte-metadata
        s3: {region: us-east-1}
      """;

  private static final String VALID_CORE = VALID + """
      topology: core
      multiCluster:
        adminEndpoint: dns:///flyte.example.com:443
        catalogEndpoint: datacatalog.example.com:443
        dataPlanes:
          - {name: dp-a, endpoint: 'https://a.example.com', credentialsSecret: dp-a}
          - {name: dp-b, endpoint: 'https://b.example.com', credentialsSecret: dp-b, labels: [gpu]}
      """;

  private static final String VALID_AUTH = VALID + """
      ingress: {host: flyte.example.com, tlsSecret: flyte-tls}
      auth:
        provider: okta
        issuer: https://example.okta.com/oauth2/default
        clientId: 0oa1example
        clientSecret: {name: flyte-oidc, key: client_secret}
        serviceClientSecret: {name: flyte-propeller-auth, key: client_secret}
        serviceClientSecretHash: JDJhJDEwJDdZdE16RXRBVE5YUWEwRlJCOWJMdi44UWtxOHNwYUl6Z25HOC9abzVsWUg1N2xVcGRFQWxH
      """;

  /** Sign-in mistakes, over a valid description with Okta and the internal authorization server. */
  static Stream<Arguments> authMistakes() {
    String external = "authorizationServer: external, serviceClientSecretHash: null, serviceClientId: propeller, flytectlClientId: flytectl";
    return Stream.of(
        arguments("auth without issuer", "auth: {issuer: null}", "auth.issuer", "is required for provider okta"),
        arguments("issuer over plain http", "auth: {issuer: 'http://example.okta.com/oauth2/default'}", "auth.issuer", "not an https URL"),
        arguments("Google with its own issuer", "auth: {provider: google}", "auth.issuer", "knows its issuer"),
        arguments("Azure AD without tenant", "auth: {provider: azure-ad, issuer: null}", "auth.tenantId", "is required for provider azure-ad"),
        arguments("tenant on Okta", "auth: {tenantId: 00000000-0000-0000-0000-000000000001}", "auth.tenantId", "only provider azure-ad"),
        arguments("auth without client secret", "auth: {clientSecret: null}", "auth.clientSecret", "is required"),
        arguments("auth without provider", "auth: {provider: null}", "auth.provider", "is required"),
        arguments("auth without TLS", "ingress: {tlsSecret: null}", "auth", "public host over TLS"),
        arguments("auth without ingress", "ingress: null", "auth", "public host over TLS"),
        arguments("auth in the sandbox", "topology: sandbox\ndatabase: null\nstorage: null", "auth", "local, insecure Flyte"),
        arguments("internal server without hash", "auth: {serviceClientSecretHash: null}", "auth.serviceClientSecretHash",
            "required with the internal authorization server"),
        arguments("secret given for its hash", "auth: {serviceClientSecretHash: my-plain-secret}", "auth.serviceClientSecretHash",
            "not the base64 of a bcrypt hash"),
        arguments("CI client named like flytectl", "auth: {ciClients: [{id: flytectl, secretHash: "
            + "JDJhJDEwJC43M2JGemZYOS9aM1dtL1RNM2tLR3VVQXdtcnZzdkJNbm5LL1RQQUVlVGZEMjlzbFl0Y1RL}]}",
            "auth.ciClients[0].id", "already a client"),
        arguments("service client named like flytectl", "auth: {serviceClientId: flytectl}", "auth.serviceClientId",
            "already a public client"),
        arguments("CI client without its hash", "auth: {ciClients: [{id: flyte-ci}]}", "auth.ciClients[0].secretHash", "is required"),
        arguments("audience for the internal server", "auth: {audience: api://flyte}", "auth.audience", "only an external authorization server"),
        arguments("external server on Google", "auth: {provider: google, issuer: null, " + external + "}", "auth.authorizationServer",
            "no custom authorization server"),
        arguments("external server without flytectl client", "auth: {" + external.replace("flytectlClientId: flytectl", "flytectlClientId: null") + "}",
            "auth.flytectlClientId", "is required"),
        arguments("issuer given as its discovery document",
            "auth: {issuer: 'https://example.okta.com/oauth2/default/.well-known/openid-configuration'}", "auth.issuer",
            "discovery document, not its issuer"),
        arguments("provider written with an underscore", "auth: {provider: azure_ad}", "auth.provider",
            "is not one of [okta, google, azure-ad, keycloak, generic]"),
        arguments("CI clients on an external server", "auth: {" + external + ", ciClients: [{id: ci, secretHash: x}]}",
            "auth.ciClients", "knows its own clients"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authMistakes")
  void anAuthMistakeIsRejectedWithItsFieldPath(String mistake, String patch, String path, String message) throws Exception {
    assertRejected(patched(VALID_AUTH, patch), path, message);
  }

  @Test
  void theBaseAuthDescriptionIsValid() {
    assertThat(ConfigLoader.parse(VALID_AUTH).auth()).isPresent();
  }

  /** Mistakes only the core topology and multi-cluster can make, over a valid multi-cluster description. */
  static Stream<Arguments> coreMistakes() {
    String dp = "{name: dp-a, endpoint: 'https://a.example.com', credentialsSecret: dp-a";
    return Stream.of(
        arguments("multi-cluster with the binary", "topology: binary", "multiCluster", "needs topology core"),
        arguments("two schedulers", "components: {flytescheduler: {replicas: 2}}", "components.flytescheduler.replicas", "exactly one replica"),
        arguments("three syncresources", "components: {syncresources: {replicas: 3}}", "components.syncresources.replicas", "exactly one replica"),
        arguments("autoscaling datacatalog", "components: {datacatalog: {autoscaling: {}}}", "components.datacatalog.autoscaling",
            "only available for flyteadmin and flyteconsole"),
        arguments("autoscaling min above max", "components: {flyteadmin: {autoscaling: {minReplicas: 6, maxReplicas: 3}}}",
            "components.flyteadmin.autoscaling.minReplicas", "between 1 and maxReplicas"),
        arguments("autoscaling target above 100", "components: {flyteconsole: {autoscaling: {targetCpuUtilizationPercent: 150}}}",
            "components.flyteconsole.autoscaling.targetCpuUtilizationPercent", "between 1 and 100"),
        arguments("admin request above limit", "components: {flyteadmin: {resources: {memory: 2Gi, memoryLimit: 1Gi}}}",
            "components.flyteadmin.resources.memory", "exceeds the limit"),
        arguments("no propeller workers", "propeller: {workers: 0}", "propeller.workers", "at least 1"),
        arguments("in-cluster MinIO with data planes", "storage: {s3: null, minio: {inCluster: {}}}", "storage.minio.inCluster",
            "cannot reach a MinIO inside the control plane's cluster"),
        arguments("negative retries", "propeller: {maxWorkflowRetries: -1}", "propeller.maxWorkflowRetries", "must not be negative"),
        arguments("unknown sharding", "propeller: {sharding: {type: round-robin}}", "propeller.sharding.type", "is not one of [hash, project, domain]"),
        arguments("one hash shard", "propeller: {sharding: {type: hash, shardCount: 1}}", "propeller.sharding.shardCount", "at least 2"),
        arguments("one project shard", "propeller: {sharding: {type: project, shards: [['*']]}}", "propeller.sharding.shards", "at least 2 shards"),
        arguments("project in two shards", "propeller: {sharding: {type: project, shards: [[a], [a, b]]}}", "propeller.sharding.shards[1]",
            "more than one shard"),
        arguments("wildcard not last", "propeller: {sharding: {type: project, shards: [['*'], [a]]}}", "propeller.sharding.shards[0]",
            "alone in the last shard"),
        arguments("unknown domain shard", "propeller: {sharding: {type: domain, shards: [[prod], ['*']]}}", "propeller.sharding.shards[0]",
            "'prod' is not a domain"),
        arguments("no domains", "domains: []", "domains", "is empty"),
        arguments("duplicate domain", "domains: [{name: dev}, {name: dev}]", "domains[1].name", "listed twice"),
        arguments("quota on some domains", "domains: [{name: dev, quota: {cpu: '2', memory: 4Gi}}, {name: prod}]", "domains[1].quota",
            "other domains have one"),
        arguments("bad quota cpu", "domains: [{name: dev, quota: {cpu: lots, memory: 4Gi}}]", "domains[0].quota.cpu", "not a Kubernetes quantity"),
        arguments("GPU quota not a count", "domains: [{name: dev, quota: {cpu: '2', memory: 4Gi, gpu: two}}]", "domains[0].quota.gpu",
            "not a whole number"),
        arguments("domain identity of another cloud",
            "taskIdentity: {awsRoleArn: 'arn:aws:iam::123456789012:role/t'}\ndomains: [{name: dev, taskIdentity: {gcpServiceAccount: 't@p-123456.iam.gserviceaccount.com'}}]",
            "domains[0].taskIdentity", "another cloud"),
        arguments("project quota for an unknown domain",
            "domains: [{name: dev, quota: {cpu: '2', memory: 4Gi}}]\nprojects: [{name: p, quotas: {prod: {cpu: '4', memory: 8Gi}}}]",
            "projects[0].quotas.prod", "'prod' is not a domain"),
        arguments("project quota without a domain quota", "projects: [{name: p, quotas: {development: {cpu: '4', memory: 8Gi}}}]",
            "projects[0].quotas.development", "does not have"),
        arguments("project quota counting GPUs the domain does not",
            "domains: [{name: dev, quota: {cpu: '2', memory: 4Gi}}]\nprojects: [{name: p, quotas: {dev: {cpu: '4', memory: 8Gi, gpu: '2'}}}]",
            "projects[0].quotas.dev.gpu", "the domain counts no GPUs"),
        arguments("no data planes", "multiCluster: {dataPlanes: []}", "multiCluster.dataPlanes", "is empty"),
        arguments("every data plane disabled", "multiCluster: {dataPlanes: [" + dp + ", enabled: false}]}", "multiCluster.dataPlanes",
            "no enabled cluster"),
        arguments("duplicate data plane", "multiCluster: {dataPlanes: [" + dp + "}, " + dp + "}]}", "multiCluster.dataPlanes[1].name", "not unique"),
        arguments("data plane named like the control plane", "multiCluster: {controlPlaneName: dp-a}", "multiCluster.dataPlanes[0].name",
            "not unique"),
        arguments("plain-http API server", "multiCluster: {dataPlanes: [{name: dp-a, endpoint: 'http://a.example.com', credentialsSecret: dp-a}]}",
            "multiCluster.dataPlanes[0].endpoint", "not an https API server URL"),
        arguments("no credentials", "multiCluster: {dataPlanes: [{name: dp-a, endpoint: 'https://a.example.com'}]}",
            "multiCluster.dataPlanes[0].credentialsSecret", "is required"),
        arguments("label only on a disabled cluster",
            "multiCluster: {dataPlanes: [" + dp + "}, {name: dp-b, endpoint: 'https://b.example.com', credentialsSecret: dp-b, labels: [gpu], enabled: false}]}",
            "multiCluster.dataPlanes[1].labels[0]", "points at no enabled cluster"),
        arguments("bad label", "multiCluster: {dataPlanes: [" + dp + ", labels: [GPU_A]}]}", "multiCluster.dataPlanes[0].labels[0]", "is not valid"),
        arguments("no admin endpoint", "multiCluster: {adminEndpoint: null}", "multiCluster.adminEndpoint", "is required"),
        arguments("admin endpoint as an https URL", "multiCluster: {adminEndpoint: 'https://flyte.example.com'}",
            "multiCluster.adminEndpoint", "is not a gRPC address"),
        arguments("catalog endpoint as a URL", "multiCluster: {catalogEndpoint: 'https://datacatalog.example.com/'}",
            "multiCluster.catalogEndpoint", "is not a gRPC address"),
        arguments("propeller QPS with a fraction", "propeller: {kubeClientQps: 12.5}", "propeller.kubeClientQps", "is not a whole number"),
        arguments("CPU target as a fraction", "components: {flyteadmin: {autoscaling: {targetCpuUtilizationPercent: 0.8}}}",
            "components.flyteadmin.autoscaling.targetCpuUtilizationPercent", "0.8 is not a whole number"),
        arguments("binary settings on core", "components: {binary: {resources: {cpu: '2', memory: 4Gi, memoryLimit: 4Gi}}}",
            "components.binary", "only used by the binary and sandbox topologies"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("coreMistakes")
  void aCoreMistakeIsRejectedWithItsFieldPath(String mistake, String patch, String path, String message) throws Exception {
    assertRejected(patched(VALID_CORE, patch), path, message);
  }

  @Test
  void theBaseMultiClusterDescriptionIsValid() {
    assertThat(ConfigLoader.parse(VALID_CORE).multiCluster()).isPresent();
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        arguments("no name", "name: null", "name", "is required"),
        arguments("name with capitals", "name: Flyte_Prod", "name", "is not valid"),
        arguments("name too long", "name: " + "f".repeat(41), "name", "at most 40"),
        arguments("name starting with a digit", "name: 1flyte", "name", "is not valid"),
        arguments("namespace with capitals", "namespace: Flyte", "namespace", "is not valid"),
        arguments("version with a v", "flyteVersion: v1.16.8", "flyteVersion", "not a release flyte-infra deploys"),
        arguments("a Flyte 2 release past 2.0", "flyteVersion: 2.1.0", "flyteVersion", "not a release flyte-infra deploys"),
        arguments("Flyte 2 without its console", "flyteVersion: 2.0.0", "components", "console.image is required for Flyte 2"),
        arguments("Flyte 2's task namespace on Flyte 1", "tasks: {namespace: flyte-tasks}", "tasks", "only used by Flyte 2"),
        arguments("app serving on Flyte 1", "apps: {baseDomain: apps.example.com}", "apps", "only used by Flyte 2"),
        arguments("OpenTelemetry on Flyte 1", "monitoring: {openTelemetry: {endpoint: 'http://otel:4317'}}",
            "monitoring.openTelemetry", "only wired for Flyte 2"),
        arguments("Flyte 2's console on Flyte 1", "components: {console: {replicas: 2}}", "components.console", "Flyte 2's console"),
        arguments("an image override on Flyte 1", "components: {binary: {image: 'example.com/flyte:1'}}", "components.binary.image",
            "read for Flyte 2's binary and console only"),
        arguments("Flyte 2's ingress sources on Flyte 1", "ingress: {host: flyte.example.com, controllerNamespace: ingress-nginx}",
            "ingress.controllerNamespace", "only used by Flyte 2"),
        arguments("unknown topology", "topology: kore", "topology", "is not one of [sandbox, binary, core]"),
        arguments("no database", "database: null", "database", "is required"),
        arguments("in-cluster database with a host", "database: {inCluster: {}}", "database.host", "must not be set"),
        arguments("in-cluster database with a password", "database: {host: null, inCluster: {}}", "database.passwordSecret",
            "must not be set"),
        arguments("empty database volume", "database: {host: null, passwordSecret: null, inCluster: {storageSize: 0Gi}}",
            "database.inCluster.storageSize", "larger than zero"),
        arguments("database volume size in words", "database: {host: null, passwordSecret: null, inCluster: {storageSize: lots}}",
            "database.inCluster.storageSize", "not a Kubernetes quantity"),
        arguments("bad storage class", "database: {host: null, passwordSecret: null, inCluster: {storageClass: Fast_SSD}}",
            "database.inCluster.storageClass", "is not valid"),
        arguments("in-cluster database request above limit",
            "database: {host: null, passwordSecret: null, inCluster: {resources: {memory: 2Gi, memoryLimit: 1Gi}}}",
            "database.inCluster.resources.memory", "exceeds the limit"),
        arguments("in-cluster MinIO with an endpoint", "storage: {s3: null, minio: {endpoint: 'http://minio:9000', inCluster: {}}}",
            "storage.minio.endpoint", "must not be set"),
        arguments("in-cluster MinIO with keys", "storage: {s3: null, minio: {accessKeyId: {name: m, key: id}, inCluster: {}}}",
            "storage.minio.accessKeyId", "must not be set"),
        arguments("MinIO without endpoint", "storage: {s3: null, minio: {accessKeyId: {name: m, key: id}, secretAccessKey: {name: m, key: s}}}",
            "storage.minio.endpoint", "is required"),
        arguments("bad MinIO credentials config", "storage: {s3: null, minio: {endpoint: 'http://minio:9000', accessKeyId: {name: m, key: id},"
            + " secretAccessKey: {name: m, key: s}, credentialsConfig: {name: Bad_Name, key: flyte.yaml}}}",
            "storage.minio.credentialsConfig.name", "is not valid"),
        arguments("sandbox with an external database", "topology: sandbox", "database", "the sandbox runs its own Postgres"),
        arguments("sandbox with S3", "topology: sandbox", "storage", "the sandbox runs its own MinIO"),
        arguments("sandbox with two replicas", "{topology: sandbox, database: null, storage: null, components: {binary: {replicas: 2}}}",
            "components.binary.replicas", "exactly one replica"),
        arguments("database as a string", "database: postgres://db", "database", "wrong shape"),
        arguments("bad database host", "database: {host: 'db host!'}", "database.host", "neither a host name"),
        arguments("port out of range", "database: {port: 70000}", "database.port", "between 1 and 65535"),
        arguments("port not a number", "database: {port: five}", "database.port", "not a whole number"),
        arguments("bad database name", "database: {dbname: '1 flyte'}", "database.dbname", "is not valid"),
        arguments("no password secret", "database: {passwordSecret: null}", "database.passwordSecret", "is required"),
        arguments("bad secret name", "database: {passwordSecret: {name: Flyte_DB}}", "database.passwordSecret.name", "is not valid"),
        arguments("bad secret key", "database: {passwordSecret: {key: 'a/b'}}", "database.passwordSecret.key", "is not valid"),
        arguments("password in options", "database: {options: 'sslmode=require password=x'}", "database.options", "plain text"),
        arguments("literal password", "database: {password: hunter2}", "database.password", "not a known key"),
        arguments("two object stores", "storage: {gcs: {project: my-project}}", "storage", "2 object stores"),
        arguments("no object store", "storage: {s3: null}", "storage", "names no object store"),
        arguments("no metadata bucket", "storage: {metadataBucket: null}", "storage.metadataBucket", "is required"),
        arguments("bad bucket name", "storage: {metadataBucket: My_Bucket}", "storage.metadataBucket", "is not valid"),
        arguments("bad user-data bucket", "storage: {userDataBucket: 'x'}", "storage.userDataBucket", "is not valid"),
        arguments("bad S3 region", "storage: {s3: {region: useast1}}", "storage.s3.region", "not an AWS region"),
        arguments("bad S3 endpoint", "storage: {s3: {endpoint: 's3.local'}}", "storage.s3.endpoint", "not an http(s) URL"),
        arguments("bad GCS project", "storage: {s3: null, gcs: {project: X}}", "storage.gcs.project", "not a GCP project id"),
        arguments("bad Azure account", "storage: {s3: null, azure: {account: has-dashes}}", "storage.azure.account", "not a storage account"),
        arguments("bad MinIO endpoint",
            "storage: {s3: null, minio: {endpoint: 'minio:9000', accessKeyId: {name: m, key: a}, secretAccessKey: {name: m, key: s}}}",
            "storage.minio.endpoint", "not an http(s) URL"),
        arguments("MinIO without secret key", "storage: {s3: null, minio: {endpoint: 'http://minio:9000', accessKeyId: {name: m, key: a}}}",
            "storage.minio.secretAccessKey", "is required"),
        arguments("short account id in role ARN", "identity: {awsRoleArn: 'arn:aws:iam::123:role/flyte'}", "identity.awsRoleArn",
            "not an IAM role ARN"),
        arguments("two identities", "identity: {awsRoleArn: 'arn:aws:iam::123456789012:role/f', azureClientId: 'x'}", "identity",
            "2 identities"),
        arguments("GCP identity not an email", "taskIdentity: {gcpServiceAccount: flyte}", "taskIdentity.gcpServiceAccount",
            "not a Google service account"),
        arguments("Azure identity not a UUID", "identity: {azureClientId: flyte}", "identity.azureClientId", "not a client id"),
        arguments("empty identity", "identity: {}", "identity", "names no identity"),
        arguments("bad ingress host", "ingress: {host: 'Flyte.Example.com'}", "ingress.host", "is not valid"),
        arguments("TLS without host", "ingress: {tlsSecret: flyte-tls}", "ingress.tlsSecret", "ingress.host is not"),
        arguments("bad annotation key", "ingress: {annotations: {'bad key': x}}", "ingress.annotations.bad key", "not a valid annotation key"),
        arguments("two binary replicas", "components: {binary: {replicas: 2}}", "components.binary.replicas", "exactly one replica"),
        arguments("bad memory quantity", "components: {binary: {resources: {memory: lots}}}", "components.binary.resources.memory",
            "not a Kubernetes quantity"),
        arguments("request above limit", "components: {binary: {resources: {memory: 4Gi, memoryLimit: 2Gi}}}",
            "components.binary.resources.memory", "exceeds the limit"),
        arguments("cpu above its limit", "components: {binary: {resources: {cpu: '2', cpuLimit: 500m}}}",
            "components.binary.resources.cpu", "exceeds the limit"),
        arguments("duplicate project", "projects: [{name: a}, {name: a}]", "projects[1].name", "listed twice"),
        arguments("project too long for a namespace", "projects: [{name: " + "p".repeat(52) + "}]", "projects[0].name", "at most 51"),
        arguments("projects as a string", "projects: flytesnacks", "projects", "wrong shape"),
        arguments("log level too high", "logLevel: 9", "logLevel", "between 0 (panic) and 5"),
        arguments("log link template without a scheme", "taskLogs: {kubernetesTemplateUri: 'dashboard/{{ .podName }}'}",
            "taskLogs.kubernetesTemplateUri", "not an http(s) URL template"),
        arguments("CloudWatch without log group", "taskLogs: {cloudwatchRegion: us-east-1}", "taskLogs.cloudwatchLogGroup", "is required"),
        arguments("Azure Monitor logs with a workspace id for a name", "taskLogs: {azure: {tenantId: 00000000-0000-0000-0000-000000000001, "
            + "subscriptionId: 00000000-0000-0000-0000-000000000002, resourceGroup: rg, workspace: '/subscriptions/x/workspaces/logs'}}",
            "taskLogs.azure.workspace", "not a Log Analytics workspace name"),
        arguments("Azure Monitor logs without subscription", "taskLogs: {azure: {tenantId: 00000000-0000-0000-0000-000000000001, "
            + "resourceGroup: rg, workspace: flyte-logs}}", "taskLogs.azure.subscriptionId", "is required"),
        arguments("notifications without topic", "notifications: {backend: aws, sender: flyte@example.com, region: us-east-1, "
            + "accountId: '123456789012', queueName: q}", "notifications.topicArn", "is required with backend aws"),
        arguments("notifications topic by name", "notifications: {backend: aws, sender: flyte@example.com, region: us-east-1, "
            + "accountId: '123456789012', queueName: q, topicArn: flyte-notifications}", "notifications.topicArn", "not an SNS topic ARN"),
        arguments("SendGrid key on AWS", "notifications: {backend: aws, sender: flyte@example.com, region: us-east-1, "
            + "accountId: '123456789012', queueName: q, topicArn: 'arn:aws:sns:us-east-1:123456789012:t', "
            + "sendgridApiKey: {name: sendgrid, key: api-key}}", "notifications.sendgridApiKey", "only backend gcp"),
        arguments("GCP notifications without SendGrid", "notifications: {backend: gcp, sender: flyte@example.com, project: acme-prod, "
            + "topic: t, subscription: s}", "notifications.sendgridApiKey", "is required with backend gcp"),
        arguments("notifications sender without a domain", "notifications: {backend: gcp, sender: flyte, project: acme-prod, "
            + "topic: t, subscription: s, sendgridApiKey: {name: sendgrid, key: api-key}}", "notifications.sender", "not an e-mail address"),
        arguments("credential in extra config", "extraConfig: {storage: {stow: {config: {secret_key: abc}}}}",
            "extraConfig.storage.stow.config.secret_key", "credential in plain text"),
        arguments("unknown top-level key", "databse: {}", "databse", "not a known key"),
        arguments("unknown aws key", "aws: {nodeSize: 3}", "aws.nodeSize", "not a known key"),
        arguments("aws node count as text", "aws: {nodeMinSize: two}", "aws.nodeMinSize", "is not a whole number"),
        arguments("aws with no nodes", "aws: {nodeMinSize: 0}", "aws.nodeMinSize", "needs 1 <= nodeMinSize <= nodeMaxSize"),
        arguments("aws backups too long", "aws: {backupRetentionDays: 36}", "aws.backupRetentionDays", "1 to 35 days"),
        arguments("aws endpoint open to all", "aws: {publicEndpointCidrs: [0.0.0.0/0]}", "aws.publicEndpointCidrs", "whole internet"),
        arguments("aws VPC without subnets", "aws: {existingVpc: {vpcId: vpc-0123456789abcdef0, availabilityZones: [a, b], "
            + "nodeSubnetIds: [s1, s2], databaseSubnetIds: [s1]}}", "aws.existingVpc.databaseSubnetIds", "one subnet per availability zone"),
        arguments("aws certificate without host", "aws: {ingressCertificate: {}}", "aws.ingressCertificate", "needs the host"),
        arguments("aws with in-cluster Postgres", "aws: {}\ndatabase: {host: null, passwordSecret: null, inCluster: {}}",
            "database.inCluster", "FlyteEks creates an RDS database"),
        arguments("aws with GCS", "aws: {}\nstorage: {s3: null, gcs: {project: my-project}}", "storage", "FlyteEks creates S3 buckets"),
        arguments("unknown gcp key", "gcp: {region: us-central1, zone: a}\nstorage: {s3: null, gcs: {project: my-project}}", "gcp.zone",
            "not a known key"),
        arguments("gcp region misspelled", "gcp: {region: uscentral}\nstorage: {s3: null, gcs: {project: my-project}}", "gcp.region",
            "is not a GCP region"),
        arguments("gcp without region", "gcp: {}\nstorage: {s3: null, gcs: {project: my-project}}", "gcp.region", "is required"),
        arguments("cloud options wrong beside other mistakes", "aws: {backupRetentionDays: 99}\nlogLevel: 9", "aws.backupRetentionDays",
            "1 to 35 days"),
        arguments("gcp release channel", "gcp: {region: us-central1, releaseChannel: NIGHTLY}\nstorage: {s3: null, gcs: {project: my-project}}",
            "gcp.releaseChannel", "not a GKE release channel"),
        arguments("gcp endpoint open to all", "gcp: {region: us-central1, masterAuthorizedCidrs: [0.0.0.0/0]}\n"
            + "storage: {s3: null, gcs: {project: my-project}}", "gcp.masterAuthorizedCidrs", "whole internet"),
        arguments("gcp with S3", "gcp: {region: us-central1}", "storage", "FlyteGke creates GCS buckets"),
        arguments("gcp and aws at once", "gcp: {region: us-central1}\naws: {}", "gcp", "runs on one cloud"),
        arguments("azure location with a space", "azure: {location: East US}\nstorage: {s3: null, azure: {account: acmeflyte}}",
            "azure.location", "not an Azure region name"),
        arguments("azure backups too short", "azure: {location: eastus, backupRetentionDays: 3}\n"
            + "storage: {s3: null, azure: {account: acmeflyte}}", "azure.backupRetentionDays", "between 7 and 35"),
        arguments("azure API server open to all", "azure: {location: eastus, apiServerAuthorizedCidrs: [0.0.0.0/0]}\n"
            + "storage: {s3: null, azure: {account: acmeflyte}}", "azure.apiServerAuthorizedCidrs", "whole internet"),
        arguments("azure with S3", "azure: {location: eastus}", "storage", "FlyteAks creates a storage account"),
        arguments("unknown plugin", "plugins: {horovod: {}}", "plugins.horovod", "not a known key"),
        arguments("spark property without its prefix", "plugins: {spark: {sparkConfig: {executor.memory: 4g}}}",
            "plugins.spark.sparkConfig.executor.memory", "is not a Spark property"),
        arguments("spark secret key in plain text", "plugins: {spark: {sparkConfig: {spark.hadoop.fs.s3a.secret.key: abc}}}",
            "plugins.spark.sparkConfig.spark.hadoop.fs.s3a.secret.key", "credential in plain text"),
        arguments("negative ray TTL", "plugins: {ray: {ttlSecondsAfterFinished: -1}}", "plugins.ray.ttlSecondsAfterFinished",
            "must not be negative"),
        arguments("no connector", "plugins: {connector: {replicas: 0}}", "plugins.connector.replicas", "at least 1"),
        arguments("connector secret not a name", "plugins: {connector: {secret: My_Secret}}", "plugins.connector.secret",
            "is not valid"),
        arguments("connector memory above its limit", "plugins: {connector: {resources: {cpu: 500m, memory: 1Gi, memoryLimit: 300Mi}}}",
            "plugins.connector.resources.memory", "exceeds the limit"),
        arguments("connector taking the spark plugin's task type", "plugins: {spark: {}, connector: {taskTypes: [spark]}}",
            "plugins.connector.taskTypes", "already runs on the spark plugin"),
        arguments("connector taking container tasks", "plugins: {connector: {taskTypes: [container]}}",
            "plugins.connector.taskTypes", "already runs on the container plugin"),
        arguments("unknown secret backend", "taskSecrets: {backend: azure}", "taskSecrets.backend",
            "is not one of [kubernetes, aws, gcp, vault]"),
        arguments("vault KV version 3", "taskSecrets: {backend: vault, vaultKvVersion: 3}", "taskSecrets.vaultKvVersion", "must be 1 or 2"),
        arguments("sidecar for Kubernetes secrets", "taskSecrets: {sidecarImage: 'docker.io/amazon/sidecar:1'}", "taskSecrets.sidecarImage",
            "only the aws and gcp backends run a sidecar"),
        arguments("secret prefix with a space", "taskSecrets: {backend: aws, namePrefix: 'flyte tasks'}", "taskSecrets.namePrefix",
            "is not a secret name prefix"),
        arguments("service monitors on the binary", "monitoring: {serviceMonitors: true}", "monitoring.serviceMonitors",
            "serves no metrics port"),
        arguments("scrape interval not a duration", "monitoring: {interval: 1 minute}", "monitoring.interval", "not a Prometheus duration"),
        arguments("scrape timeout above the interval", "monitoring: {interval: 30s, scrapeTimeout: 1m}", "monitoring.scrapeTimeout",
            "must not exceed the interval"),
        arguments("monitor label value", "monitoring: {labels: {release: 'kube prometheus'}}", "monitoring.labels.release",
            "is not a label value"),
        arguments("Flyte in kube-system", "namespace: kube-system", "namespace", "Kubernetes keeps for itself"),
        arguments("Flyte in the default namespace", "namespace: default", "namespace", "Kubernetes keeps for itself"),
        arguments("project making a kube- namespace", "projects: [{name: kube}]\ndomains: [{name: system}]", "projects[0].name",
            "makes the namespace kube-system"),
        arguments("task identity of another cloud", "identity: {awsRoleArn: 'arn:aws:iam::123456789012:role/f'}\n"
            + "taskIdentity: {azureClientId: 00000000-0000-0000-0000-000000000001}", "taskIdentity", "is a azure identity"),
        arguments("identity of another cloud than the store", "identity: {gcpServiceAccount: 'flyte@my-project.iam.gserviceaccount.com'}",
            "identity", "while the object store is aws's"),
        arguments("core components on the binary", "components: {flyteadmin: {replicas: 2}}", "components.flyteadmin",
            "only used by the core topology"),
        arguments("propeller settings on the binary", "propeller: {workers: 80}", "propeller", "only used by the core topology"),
        arguments("secret in an environment variable list", "extraConfig: {plugins: {k8s: {default-env-vars: "
            + "[{AWS_SECRET_ACCESS_KEY: abc123}]}}}", "extraConfig.plugins.k8s.default-env-vars[0].AWS_SECRET_ACCESS_KEY",
            "credential in plain text"),
        arguments("secret as a name/value entry", "extraConfig: {env: [{name: AWS_SECRET_ACCESS_KEY, value: abc123}]}",
            "extraConfig.env[0].value", "a credential in plain text"),
        arguments("Azure storage key in extra config", "extraConfig: {storage: {stow: {kind: azure, config: {account: acme, key: abc123}}}}",
            "extraConfig.storage.stow.config.key", "credential in plain text"),
        arguments("access key id as a value", "extraConfig: {storage: {connection: {auth-id: AKIAABCDEFGHIJKLMNOP}}}",
            "extraConfig.storage.connection.auth-id", "credential in plain text"),
        arguments("extra config key Flyte does not read", "extraConfig: {task_resources: {defaults: {storage: 1Gi}}}",
            "extraConfig.task_resources.defaults.storage", "is not a key Flyte reads"),
        arguments("extra config duration as a bare number", "extraConfig: {propeller: {gc-interval: 30}}",
            "extraConfig.propeller.gc-interval", "a bare number is read as nanoseconds"),
        arguments("RDS class with its db. prefix", "aws: {databaseInstanceType: db.r6g.large}", "aws.databaseInstanceType",
            "db. prefix"),
        arguments("EKS version with a v", "aws: {kubernetesVersion: v1.32}", "aws.kubernetesVersion", "not an EKS Kubernetes version"),
        arguments("aws endpoint open to all in another notation", "aws: {publicEndpointCidrs: [10.0.0.0/0]}", "aws.publicEndpointCidrs",
            "whole internet"),
        arguments("aws endpoint range with a bad octet", "aws: {publicEndpointCidrs: [300.0.0.0/8]}", "aws.publicEndpointCidrs",
            "not an IPv4 CIDR range"),
        arguments("GKE GPU pool without GPUs", "gcp: {region: us-central1, gpuNodes: {acceleratorCount: 0}}\n"
            + "storage: {s3: null, gcs: {project: my-project}}", "gcp.gpuNodes.acceleratorCount", "a GPU pool without GPUs"),
        arguments("unknown key holding a list", "databses: [a, b]", "databses", "not a known key"),
        arguments("misspelt key", "databse: {host: db.example.com}", "databse", "not a known key"),
        arguments("replicas as a fraction", "components: {binary: {replicas: 1.5}}", "components.binary.replicas", "not a whole number"),
        arguments("operators without an operator plugin", "plugins: {operators: true, connector: {}}", "plugins.operators",
            "no plugin with an operator is enabled"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void isRejectedWithItsFieldPath(String mistake, String patch, String path, String message) throws Exception {
    assertRejected(patched(VALID, patch), path, message);
  }

  private static final String VALID_V2 = VALID + """
      flyteVersion: 2.0.42
      components:
        console: {image: 'ghcr.io/unionai-oss/flyteconsole-v2:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000'}
      """;

  /** What Flyte 2 does not have, or flyte-infra does not wire into it, over a valid Flyte 2 description. */
  static Stream<Arguments> flyte2Mistakes() {
    return Stream.of(
        arguments("the core topology", "topology: core", "topology", "Flyte 2 has no core topology"),
        arguments("multi-cluster", "multiCluster: {adminEndpoint: 'dns:///flyte.example.com:443', dataPlanes: "
            + "[{name: dp-a, endpoint: 'https://a.example.com', credentialsSecret: dp-a}]}", "multiCluster", "no control plane with data planes"),
        arguments("a domain quota", "domains: [{name: development, quota: {cpu: '8', memory: 16Gi}}]", "domains[0].quota",
            "one namespace"),
        arguments("a domain's own task identity", "domains: [{name: development, taskIdentity: {awsRoleArn: "
            + "'arn:aws:iam::123456789012:role/t'}}]", "domains[0].taskIdentity", "one service account"),
        arguments("a project quota", "projects: [{name: flytesnacks, quotas: {development: {cpu: '8', memory: 16Gi}}}]",
            "projects[0].quotas", "no namespace per project"),
        arguments("gRPC annotations", "ingress: {host: flyte.example.com, controllerNamespace: ingress-nginx, grpcAnnotations: "
            + "{a.example.com/b: c}}", "ingress.grpcAnnotations", "serves no gRPC"),
        arguments("an Ingress nobody may pass", "ingress: {host: flyte.example.com}", "ingress", "say where the Ingress reaches"),
        arguments("an Ingress source that is no CIDR", "ingress: {host: flyte.example.com, sourceCidrs: ['10.0.0.0']}",
            "ingress.sourceCidrs[0]", "not an IPv4 CIDR"),
        arguments("sign-in", "auth: {provider: okta, issuer: 'https://example.okta.com/oauth2/default', clientId: x, "
            + "clientSecret: {name: s, key: k}}", "auth", "checks no tokens"),
        arguments("notifications", "notifications: {backend: aws, sender: flyte@example.com, region: us-east-1, "
            + "accountId: '123456789012', queueName: q, topicArn: 'arn:aws:sns:us-east-1:123456789012:t'}", "notifications",
            "sends no notifications"),
        arguments("a Spark plugin", "plugins: {spark: {}}", "plugins", "wires only the connector"),
        arguments("a cloud secret manager", "taskSecrets: {backend: aws}", "taskSecrets.backend", "its own store"),
        arguments("a second bucket", "storage: {userDataBucket: flyte-data}", "storage.userDataBucket", "one bucket"),
        arguments("a floating console", "components: {console: {image: 'ghcr.io/unionai-oss/flyteconsole-v2:latest'}}",
            "components.console.image", "is not pinned"),
        arguments("an untagged binary", "components: {binary: {image: 'example.com/flyte-binary-v2'}}", "components.binary.image",
            "is not pinned"),
        arguments("tasks in Flyte's namespace", "tasks: {namespace: flyte}", "tasks.namespace", "Flyte's own namespace"),
        arguments("tasks in a reserved namespace", "tasks: {namespace: kube-system}", "tasks.namespace", "Kubernetes keeps"),
        arguments("tasks as the binary", "tasks: {serviceAccount: flyte}", "tasks.serviceAccount", "binary's own service account"),
        arguments("app serving without a domain", "apps: {baseDomain: 'not a domain'}", "apps.baseDomain", "is not valid"),
        arguments("a sample ratio past one", "monitoring: {openTelemetry: {endpoint: 'http://otel:4317', sampleRatio: 2}}",
            "monitoring.openTelemetry.sampleRatio", "between 0 and 1"),
        arguments("a sample ratio that is no number", "monitoring: {openTelemetry: {endpoint: 'http://otel:4317', sampleRatio: "
            + "often}}", "monitoring.openTelemetry.sampleRatio", "is not a number"),
        arguments("an OpenTelemetry endpoint that is no URL", "monitoring: {openTelemetry: {endpoint: 'otel:4317'}}",
            "monitoring.openTelemetry.endpoint", "not an http(s) URL"),
        arguments("an unknown Flyte 2 key", "extraConfig: {runs: {storagePrefx: 's3://x'}}", "extraConfig.runs.storagePrefx",
            "Flyte 2.0.42 ignores"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flyte2Mistakes")
  void flyte2IsRejectedWithItsFieldPath(String mistake, String patch, String path, String message) throws Exception {
    assertRejected(patched(VALID_V2, patch), path, message);
  }

  @Test
  void aValidFlyte2DescriptionIsAccepted() {
    assertThat(ConfigLoader.parse(VALID_V2).generation()).isEqualTo(dev.flyteinfra.core.model.Generation.FLYTE_2);
  }

  /** The config is rejected with a problem at exactly this path, saying this, with a fix. */
  private static void assertRejected(String config, String path, String message) {
    InvalidDeploymentException e = catchThrowableOfType(InvalidDeploymentException.class, () -> ConfigLoader.parse(config));

    assertThat(e).as("rejected").isNotNull();
    assertThat(e.problems()).anySatisfy(problem -> {
      assertThat(problem.path()).isEqualTo(path);
      assertThat(problem.message()).contains(message);
      assertThat(problem.fix()).isNotBlank();
    });
    assertThat(e.getMessage()).contains(path + ": ");
  }

  /** Keys and list items left without a value, written as users leave them: {@code key:} and {@code - }. */
  static Stream<Arguments> emptyValues() {
    return Stream.of(
        arguments("an empty cloud section", "aws:\n", "aws", "has no value"),
        arguments("an empty plugin", "plugins:\n  spark:\n", "plugins.spark", "has no value"),
        arguments("an annotation without a value", "ingress:\n  annotations:\n    alb.ingress.kubernetes.io/scheme:\n",
            "ingress.annotations.alb.ingress.kubernetes.io/scheme", "has no value"),
        arguments("an empty domain", "domains:\n  - name: development\n  -\n", "domains[1]", "has no value"),
        arguments("an empty project", "projects:\n  -\n  - name: flytesnacks\n", "projects[0]", "has no value"),
        arguments("an empty connector task type", "plugins:\n  connector:\n    taskTypes:\n      - sensor\n      -\n",
            "plugins.connector.taskTypes[1]", "has no value"),
        arguments("an empty Spark property", "plugins:\n  spark:\n    sparkConfig:\n      spark.executor.memory:\n",
            "plugins.spark.sparkConfig.spark.executor.memory", "has no value"),
        arguments("an empty monitoring label", "monitoring:\n  labels:\n    release:\n", "monitoring.labels.release", "has no value"),
        arguments("an empty project quota", "projects:\n  - name: p\n    quotas:\n      development:\n",
            "projects[0].quotas.development", "has no value"),
        arguments("a duplicate nested key", "ingress:\n  host: flyte.example.com\n  host: flyte.example.org\n", "ingress.host",
            "Duplicate field 'host'"),
        arguments("a wrong shape above other mistakes", "ingress: flyte.example.com\nlogLevel: 9\n", "logLevel", "between 0 (panic) and 5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("emptyValues")
  void anEmptyValueIsRejectedWithItsFieldPath(String mistake, String yaml, String path, String message) {
    assertRejected(VALID + yaml, path, message);
  }

  @Test
  void anchorsAliasesAndMergeKeysAreResolvedAsYamlMeansThem() {
    String config = """
        name: flyte
        topology: core
        database:
          host: db.example.com
          passwordSecret: &dbSecret {name: flyte-db, key: password}
        storage:
          metadataBucket: flyte-metadata
          s3: {region: us-east-1}
        components:
          flyteadmin:
            resources: &small {cpu: 250m, memory: 256Mi, memoryLimit: 512Mi}
          datacatalog:
            resources:
              <<: *small
              memoryLimit: 1Gi
          flyteconsole:
            resources: *small
        plugins:
          connector:
            secret: connectors
            resources: {<<: [*small], cpu: 500m}
        """;

    var deployment = ConfigLoader.parse(config);

    assertThat(deployment.components().flyteconsole().resources()).isEqualTo(deployment.components().flyteadmin().resources());
    assertThat(deployment.components().datacatalog().resources().cpu()).isEqualTo("250m");
    assertThat(deployment.components().datacatalog().resources().memoryLimit()).isEqualTo("1Gi");
    assertThat(deployment.plugins().connector().orElseThrow().resources().cpu()).isEqualTo("500m");
    assertThat(deployment.plugins().connector().orElseThrow().resources().memory()).isEqualTo("256Mi");
  }

  @Test
  void anExtraConfigKeyFlyteDoesNotReadNamesTheKeyMeant() {
    InvalidDeploymentException e = catchThrowableOfType(InvalidDeploymentException.class,
        () -> ConfigLoader.parse(VALID + "extraConfig: {task_resources: {defaults: {storage: 1Gi}}}\n"));

    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.fix())
        .isEqualTo("did you mean task_resources.defaults.ephemeralStorage?"));
  }

  @Test
  void anExtraConfigTolerationKeyIsNoCredential() {
    var deployment = ConfigLoader.parse(VALID + """
        extraConfig:
          plugins:
            k8s:
              default-tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
        """);

    assertThat(deployment.extraConfig()).containsKey("plugins");
  }

  @Test
  void theBaseDescriptionIsValid() {
    assertThat(ConfigLoader.parse(VALID).name()).isEqualTo("flyte");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    String config = """
        name: Bad_Name
        databse: {}
        database:
          host: db.example.com
          port: 0
        storage:
          metadataBucket: x
          s3: {region: nowhere}
        logLevel: 7
        """;

    InvalidDeploymentException e = catchThrowableOfType(InvalidDeploymentException.class, () -> ConfigLoader.parse(config));

    assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder(
        "databse", "name", "database.port", "database.passwordSecret", "storage.metadataBucket", "storage.s3.region", "logLevel");
  }

  @Test
  void brokenYamlIsReportedWithItsLine() {
    InvalidDeploymentException e = catchThrowableOfType(InvalidDeploymentException.class,
        () -> ConfigLoader.parse("name: flyte\ndatabase: [unclosed\n"));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("(root)");
      assertThat(p.message()).contains("not valid YAML or JSON at line");
    });
  }

  @Test
  void aDuplicateKeyIsRejected() {
    InvalidDeploymentException e = catchThrowableOfType(InvalidDeploymentException.class,
        () -> ConfigLoader.parse(VALID + "name: again\n"));

    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("Duplicate field 'name'"));
  }

  /** The valid description with the patch deep-merged over it; a null in the patch removes the key. */
  private static String patched(String valid, String patch) throws Exception {
    ObjectNode base = (ObjectNode) YAML.readTree(valid);
    merge(base, YAML.readTree(patch));
    return YAML.writeValueAsString(base);
  }

  private static void merge(ObjectNode target, JsonNode patch) {
    patch.fields().forEachRemaining(entry -> {
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        target.remove(entry.getKey());
      } else if (value.isObject() && target.get(entry.getKey()) instanceof ObjectNode existing && !value.isEmpty()) {
        merge(existing, value);
      } else {
        target.set(entry.getKey(), value);
      }
    });
  }
}
