/**
 * Declared, validated job settings: each {@link dev.recon.jobs.config.Setting} has a key, a type, a
 * default and a description; a {@link dev.recon.jobs.config.Settings} table reads them from a
 * properties file and {@code --key value} arguments, rejects unknown keys and bad values with
 * messages naming the key and the value, and renders its own help text and Markdown reference.
 */
package dev.recon.jobs.config;
