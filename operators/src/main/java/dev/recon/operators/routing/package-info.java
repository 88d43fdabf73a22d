/**
 * Several models in one job: {@link dev.recon.operators.routing.SensorRouter} sends each reading to
 * the model its sensor id's {@link dev.recon.operators.routing.SensorPattern} names.
 */
package dev.recon.operators.routing;
