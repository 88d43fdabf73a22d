/**
 * The records that flow between recon's operators, each a Java record that Flink serialises with
 * its POJO serializer (no Kryo fallback; {@code ...TypesTest} checks this), plus the dead-letter
 * side output they share.
 *
 * <p>Channel data travels as parallel arrays (names, values) rather than maps: Flink's map
 * serializer restores a {@code HashMap} and would lose the model's channel order.
 */
package dev.recon.operators.types;
