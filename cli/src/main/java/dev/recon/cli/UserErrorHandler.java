package dev.recon.cli;

import dev.recon.model.bundle.BundleFormatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns failures caused by the user's input (bad files, bad values, broken bundles) into one clear
 * line and exit status 2; anything else is a bug and keeps its stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed)
            throws Exception {
        String message;
        if (e instanceof NoSuchFileException nsf) {
            message = "file not found: " + nsf.getFile();
        } else if (e instanceof IllegalArgumentException || e instanceof BundleFormatException
                || e instanceof IOException) {
            message = e.getMessage();
        } else {
            throw e;
        }
        cmd.getErr().println(cmd.getColorScheme().errorText("recon " + cmd.getCommandName() + ": " + message));
        return USER_ERROR;
    }
}
