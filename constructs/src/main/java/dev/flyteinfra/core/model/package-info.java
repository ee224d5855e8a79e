/**
 * The typed description of a Flyte deployment: immutable value types with builders, mapping one to
 * one onto the YAML/JSON config file. Start at {@link dev.flyteinfra.core.model.FlyteDeployment}.
 */
@FlyteStyle
package dev.flyteinfra.core.model;
