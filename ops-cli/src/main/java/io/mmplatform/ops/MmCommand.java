package io.mmplatform.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code ./mm}: the operator's command for the paper stack and the platform's topics. */
@Command(name = "mm", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "mm 0.1.0",
        description = "Operate the market-making platform: start the paper stack, watch topics, pull the kill switch.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, KillCommand.class,
                KillCommand.Resume.class, TailCommand.class, RecordCommand.class, ReplayCommand.class, TopicsCommand.class,
                SignCommand.class, InjCommand.class, QualityCommand.class, BenchCommand.class})
public final class MmCommand implements Runnable {

    /** The project root (the folder holding ./mm), set by the ./mm script. */
    static Path root() {
        return Path.of(System.getProperty("mm.root", ".")).toAbsolutePath().normalize();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * The command line as ./mm runs it: an exception's message (never its stack) on stderr, exit code 1. A {@code --key}
     * value is cut out of every error message (picocli echoes unmatched arguments, e.g. after a mistyped option).
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MmCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("mm: " + redactKeys(String.valueOf(e.getMessage()), parsed.originalArgs()));
            return 1;
        });
        CommandLine.IParameterExceptionHandler parseErrors = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((e, args) -> {
            String message = String.valueOf(e.getMessage());
            String redacted = redactKeys(message, List.of(args));
            return parseErrors.handleParseException(redacted.equals(message) ? e
                    : new CommandLine.ParameterException(e.getCommandLine(), redacted), args);
        });
        return commandLine;
    }

    /** The message with every value given to a {@code --key} option (and its digits without 0x) replaced. */
    static String redactKeys(String message, List<String> args) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--key") && i + 1 < args.size()) {
                secrets.add(args.get(i + 1));
            } else if (arg.startsWith("--key=")) {
                secrets.add(arg.substring("--key=".length()));
            }
        }
        String out = message;
        for (String secret : secrets) {
            String value = secret.strip();
            String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
            for (String s : List.of(secret, value, digits)) {
                if (s.length() >= 8) { // a short value is no key, and replacing it would garble the message
                    out = out.replace(s, "<redacted>");
                }
            }
        }
        return out;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
