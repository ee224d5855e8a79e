package dev.flyteinfra.aws;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * Flyte's RDS PostgreSQL: in the VPC's isolated subnets, not publicly accessible, storage
 * encrypted, TLS required, automated backups, deletion protection as configured, and the master
 * password generated into Secrets Manager (never in the template).
 */
public class FlyteDatabase extends Construct {
  static final PostgresEngineVersion VERSION = PostgresEngineVersion.VER_16_8;

  private final DatabaseInstance instance;

  FlyteDatabase(Construct scope, String id, IVpc vpc, String dbname, String username, FlyteEksProps props) {
    super(scope, id);
    var engine = DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder().version(VERSION).build());
    instance = DatabaseInstance.Builder.create(this, "Postgres")
        .engine(engine)
        .instanceType(new InstanceType(props.databaseInstanceType()))
        .vpc(vpc)
        .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
        .publiclyAccessible(false)
        .credentials(Credentials.fromGeneratedSecret(username))
        .databaseName(dbname)
        .storageEncrypted(true)
        .allocatedStorage(props.databaseStorageGiB())
        .maxAllocatedStorage(props.databaseStorageGiB() * 5)
        .multiAz(props.databaseMultiAz())
        .backupRetention(Duration.days(props.backupRetentionDays()))
        .deletionProtection(props.deletionProtection())
        .removalPolicy(props.deletionProtection() ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
        .autoMinorVersionUpgrade(true)
        .cloudwatchLogsExports(List.of("postgresql", "upgrade"))
        .parameterGroup(ParameterGroup.Builder.create(this, "Parameters").engine(engine)
            .parameters(Map.of("rds.force_ssl", "1")).build())
        .build();
  }

  /** Lets the given peer (the cluster's security group) connect on the database port. */
  void allowFrom(IConnectable peer) {
    instance.getConnections().allowFrom(peer, Port.tcp(5432), "Flyte's pods");
  }

  public DatabaseInstance getInstance() {
    return instance;
  }

  /** The Secrets Manager secret with the generated master password. */
  public ISecret getSecret() {
    return instance.getSecret();
  }
}
