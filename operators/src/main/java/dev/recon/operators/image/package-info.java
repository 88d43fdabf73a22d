/**
 * From raw {@code images} payloads to model input: the JSON contract (base64 PNG or raw 8-bit
 * pixels) checked field by field, images decoded, converted to the model's channels and size and
 * scaled to [0, 1] exactly as the offline scorer does, and every rejection turned into a dead letter
 * that says what was wrong, where, and what was expected.
 */
package dev.recon.operators.image;
