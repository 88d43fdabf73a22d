package dev.recon.operators.types;

import java.util.Objects;

/**
 * A record of the {@code model-updates} topic on its way to the scorer, unparsed (the scorer parses
 * it as a {@link ModelUpdate} and says what is wrong with it).
 *
 * @param json the announcement as it was published
 */
public record ModelAnnouncement(String json) implements ScorerInput {

    /** Checks the text is present. */
    public ModelAnnouncement {
        Objects.requireNonNull(json, "json");
    }
}
