package dev.recon.operators.types;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * What the window assembler hands the window scorer: a {@link RawWindow} to score, or a
 * {@link ModelAnnouncement} relayed in order with the windows. Relaying announcements through the
 * assembler gives the scorer a single input, so Flink chains it to the assembler (no serialization
 * of windows between them) even when models are hot-swapped.
 */
@TypeInfo(ScorerInputSerializer.Factory.class)
public sealed interface ScorerInput permits RawWindow, ModelAnnouncement {

    /** Flink type information: {@link ScorerInputSerializer}. */
    TypeInformation<ScorerInput> TYPE_INFO = TypeInformation.of(ScorerInput.class);
}
