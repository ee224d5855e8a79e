package dev.flyteinfra.core.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of every model type: {@code Immutable*} implementations with public
 * builders, JDK collections only, and no fail-fast checks in {@code build()}. A builder always
 * builds; {@link FlyteDeployment#validate()} then reports every problem at once with its field
 * path, which a throwing builder could not. No {@code @Generated} annotation from the class path
 * goes on the generated types: Immutables is not on a user's class path (it is {@code provided}),
 * and javac would warn about its missing annotation in every build that uses these types.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    jdkOnly = true,
    validationMethod = Value.Style.ValidationMethod.NONE,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = true),
    allowedClasspathAnnotations = Override.class)
public @interface FlyteStyle {}
