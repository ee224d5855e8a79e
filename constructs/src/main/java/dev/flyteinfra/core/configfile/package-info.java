/**
 * Reading a config file into the model's JSON: its bytes into text ({@link
 * dev.flyteinfra.core.configfile.ConfigText}), its text into YAML values with anchors, aliases and
 * merge keys resolved ({@link dev.flyteinfra.core.configfile.YamlTree}), and those values against
 * the model's types ({@link dev.flyteinfra.core.configfile.ShapeReader}), every problem with its
 * field path.
 */
package dev.flyteinfra.core.configfile;
