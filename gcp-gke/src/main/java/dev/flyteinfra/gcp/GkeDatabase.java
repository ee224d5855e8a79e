package dev.flyteinfra.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.sql.Database;
import com.pulumi.gcp.sql.DatabaseArgs;
import com.pulumi.gcp.sql.DatabaseInstance;
import com.pulumi.gcp.sql.DatabaseInstanceArgs;
import com.pulumi.gcp.sql.SslCert;
import com.pulumi.gcp.sql.SslCertArgs;
import com.pulumi.gcp.sql.User;
import com.pulumi.gcp.sql.UserArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsBackupConfigurationArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsBackupConfigurationBackupRetentionSettingsArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsIpConfigurationArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.pulumi.GeneratedPassword;
import java.util.List;

/**
 * Cloud SQL for PostgreSQL on a private IP only (client certificates required, backups,
 * point-in-time recovery), Flyte's database and user (the password given, or generated once),
 * and a client certificate.
 */
final class GkeDatabase {
  private final DatabaseInstance instance;
  private final User user;
  private final SslCert clientCertificate;

  GkeDatabase(Resource parent, String name, String project, FlyteGkeArgs args, GkeNetwork network, CloudRequirements requirements) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    instance = new DatabaseInstance(name + "-db", DatabaseInstanceArgs.builder().project(project).region(args.region())
        .databaseVersion(args.databaseVersion())
        .deletionProtection(args.deletionProtection())
        .settings(DatabaseInstanceSettingsArgs.builder()
            .tier(args.databaseTier())
            .availabilityType(args.databaseHighAvailability() ? "REGIONAL" : "ZONAL")
            .diskType("PD_SSD").diskAutoresize(true)
            .deletionProtectionEnabled(args.deletionProtection())
            .ipConfiguration(DatabaseInstanceSettingsIpConfigurationArgs.builder()
                .ipv4Enabled(false).privateNetwork(network.network().id()).requireSsl(true).build())
            .backupConfiguration(DatabaseInstanceSettingsBackupConfigurationArgs.builder().enabled(true)
                .pointInTimeRecoveryEnabled(true).startTime("03:00")
                .backupRetentionSettings(DatabaseInstanceSettingsBackupConfigurationBackupRetentionSettingsArgs.builder()
                    .retainedBackups(args.backupRetentionDays()).build())
                .build())
            .build())
        .build(), CustomResourceOptions.builder().parent(parent).dependsOn(network.peering()).build());
    new Database(name + "-db-" + requirements.databaseName(), DatabaseArgs.builder().project(project)
        .instance(instance.name()).name(requirements.databaseName()).build(), child);
    Output<String> password = GeneratedPassword.orGiven(args.databasePassword());
    user = new User(name + "-db-" + requirements.databaseUser(), UserArgs.builder().project(project)
        .instance(instance.name()).name(requirements.databaseUser()).password(password).build(),
        CustomResourceOptions.builder().parent(parent).additionalSecretOutputs("password")
            // A generated password is made once: later runs keep the one in the stack's state.
            .ignoreChanges(args.databasePassword().isPresent() ? List.of() : List.of("password")).build());
    clientCertificate = new SslCert(name + "-db-client", SslCertArgs.builder().project(project)
        .instance(instance.name()).commonName(args.deployment().name()).build(), child);
  }

  DatabaseInstance instance() {
    return instance;
  }

  User user() {
    return user;
  }

  SslCert clientCertificate() {
    return clientCertificate;
  }
}
