/** What the GKE and AKS Pulumi programs share: running them under the engine or its mocks, and the runtime's thread pool. */
package dev.flyteinfra.stacks.pulumi;
