/**
 * From raw payload bytes to validated {@link dev.recon.operators.types.SensorReading}s: the
 * {@code sensor-readings} JSON contract, checked field by field, with every rejection turned into a
 * dead letter that says what was wrong, where, and what was expected.
 */
package dev.recon.operators.parse;
