package dev.recon.model.arch;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The conditions of a conditional model: how many there are and, optionally, their names, which
 * is how a record's label becomes a condition index.
 *
 * <p>A condition is an index in {@code [0, count)}. With names, a label is matched against them
 * (an integer label by its decimal form, so label {@code 7} matches the name {@code "7"}) and its
 * condition is the matching name's position; without names, a label must be an integer in
 * {@code [0, count)} and is the index itself. Offline scoring and the image job both map labels
 * with {@link #indexOf}, so they agree.
 *
 * @param count number of conditions, at least 2 (with one, a conditional model is an unconditional one)
 * @param names the label of each condition, in index order; {@code null} when labels are the indices
 */
public record Conditions(int count, List<String> names) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Labels shown in full in messages; longer lists are shortened. */
    private static final int SHOWN = 12;

    /** Validates the count and that the names, if any, are {@code count} distinct non-blank strings. */
    public Conditions {
        if (count < 2) {
            throw new IllegalArgumentException("a conditional model needs at least 2 conditions, got " + count
                    + " (with one, use an unconditional model such as vae)");
        }
        if (names != null) {
            names = List.copyOf(names);
            if (names.size() != count) {
                throw new IllegalArgumentException(
                        "condition names must name each of the " + count + " conditions, got " + names.size() + ": " + names);
            }
            if (names.stream().anyMatch(n -> n.isBlank()) || new HashSet<>(names).size() != count) {
                throw new IllegalArgumentException("condition names must be distinct and non-blank, got " + names);
            }
        }
    }

    /** The conditions named by {@code labels}, in that order: condition {@code i} is label {@code labels[i]}. */
    public static Conditions ofLabels(List<Integer> labels) {
        Objects.requireNonNull(labels, "labels");
        return new Conditions(labels.size(), labels.stream().map(String::valueOf).toList());
    }

    /**
     * The condition index of a record's label, or {@code -1} when the label is none of this
     * model's conditions.
     *
     * @param label the label's text (an integer label in decimal)
     */
    public int indexOf(String label) {
        Objects.requireNonNull(label, "label");
        if (names != null) {
            return names.indexOf(label);
        }
        try {
            int index = Integer.parseInt(label.trim());
            return index >= 0 && index < count ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The condition index of an integer label, or {@code -1} when it is none of this model's conditions. */
    public int indexOf(long label) {
        return indexOf(Long.toString(label));
    }

    /** The label of condition {@code index}: its name, or the index itself when there are no names. */
    public String label(int index) {
        Objects.checkIndex(index, count);
        return names != null ? names.get(index) : Integer.toString(index);
    }

    /** The accepted labels, for messages: {@code [cat, dog]}, or {@code integers 0 to 9}. */
    public String describe() {
        if (names == null) {
            return "integers 0 to " + (count - 1);
        }
        return count <= SHOWN ? names.toString()
                : names.subList(0, SHOWN).toString().replace("]", ", ... (" + count + " in all)]");
    }
}
