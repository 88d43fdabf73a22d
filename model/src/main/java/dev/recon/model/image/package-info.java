/**
 * Image pixels to model input, identically offline (training, {@code recon score}) and in Flink:
 * channel conversion, bilinear resizing and 8-bit rounding.
 */
package dev.recon.model.image;
