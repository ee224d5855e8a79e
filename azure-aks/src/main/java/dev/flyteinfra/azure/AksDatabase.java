package dev.flyteinfra.azure;

import com.pulumi.azurenative.dbforpostgresql.Configuration;
import com.pulumi.azurenative.dbforpostgresql.ConfigurationArgs;
import com.pulumi.azurenative.dbforpostgresql.Database;
import com.pulumi.azurenative.dbforpostgresql.DatabaseArgs;
import com.pulumi.azurenative.dbforpostgresql.Server;
import com.pulumi.azurenative.dbforpostgresql.ServerArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.BackupArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.HighAvailabilityArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.NetworkArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.SkuArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.StorageArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.pulumi.GeneratedPassword;
import java.util.List;

/**
 * PostgreSQL Flexible Server in the delegated subnet with the private DNS zone (no public access,
 * no firewall rule, TLS required), its administrator Flyte's user with the password given or
 * generated once, and Flyte's database.
 */
final class AksDatabase {
  private final Server server;
  private final Output<String> password;

  AksDatabase(Resource parent, String name, Output<String> group, FlyteAksArgs args, AksNetwork network,
      CloudRequirements requirements) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    password = GeneratedPassword.orGiven(args.databasePassword());
    server = new Server(name + "-db", ServerArgs.builder().resourceGroupName(group).location(args.location())
        .version(args.databaseVersion())
        .sku(SkuArgs.builder().name(args.databaseSku()).tier("GeneralPurpose").build())
        .storage(StorageArgs.builder().storageSizeGB(args.databaseStorageGiB()).build())
        .backup(BackupArgs.builder().backupRetentionDays(args.backupRetentionDays()).geoRedundantBackup("Disabled").build())
        .highAvailability(HighAvailabilityArgs.builder().mode(args.databaseHighAvailability() ? "ZoneRedundant" : "Disabled").build())
        .network(NetworkArgs.builder().delegatedSubnetResourceId(network.databaseSubnet().id())
            .privateDnsZoneArmResourceId(network.zone().id()).build())
        .administratorLogin(requirements.databaseUser())
        .administratorLoginPassword(password)
        .build(), CustomResourceOptions.builder().parent(parent).dependsOn(network.zoneLink())
            .additionalSecretOutputs("administratorLoginPassword")
            // A generated password is made once: later runs keep the one in the stack's state.
            .ignoreChanges(args.databasePassword().isPresent() ? List.of() : List.of("administratorLoginPassword")).build());
    new Configuration(name + "-db-require-tls", ConfigurationArgs.builder().resourceGroupName(group).serverName(server.name())
        .configurationName("require_secure_transport").value("on").source("user-override").build(), child);
    new Database(name + "-db-" + requirements.databaseName(), DatabaseArgs.builder().resourceGroupName(group)
        .serverName(server.name()).databaseName(requirements.databaseName()).charset("UTF8").collation("en_US.utf8").build(), child);
  }

  Server server() {
    return server;
  }

  /** The administrator's password, given or generated. */
  Output<String> password() {
    return password;
  }
}
