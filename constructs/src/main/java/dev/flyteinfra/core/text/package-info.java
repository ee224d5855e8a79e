/** Small text helpers with no knowledge of Flyte: the word a misspelt one most likely meant. */
package dev.flyteinfra.core.text;
