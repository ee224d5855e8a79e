/**
 * The Pulumi component for Flyte on GKE: {@link dev.flyteinfra.gcp.FlyteGke}, its args and options.
 * The Immutables types here carry no {@code @Generated} annotation from the class path: Immutables
 * is {@code provided}, not on a user's class path, and javac would warn about the missing annotation.
 */
@Value.Style(allowedClasspathAnnotations = Override.class)
package dev.flyteinfra.gcp;

import org.immutables.value.Value;
