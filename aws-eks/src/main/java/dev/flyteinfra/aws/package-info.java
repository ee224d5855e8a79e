/**
 * The AWS CDK construct for Flyte on EKS: {@link dev.flyteinfra.aws.FlyteEks}, its props and options.
 * The Immutables types here carry no {@code @Generated} annotation from the class path: Immutables
 * is {@code provided}, not on a user's class path, and javac would warn about the missing annotation.
 */
@Value.Style(allowedClasspathAnnotations = Override.class)
package dev.flyteinfra.aws;

import org.immutables.value.Value;
