package io.mmplatform.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** {@code ./mm}: the operator's command for the paper stack and the platform's topics. */
@Command(name = "mm", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "mm 0.1.0",
        description = "Operate the market-making platform: start the paper stack, watch topics, pull the kill switch.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, KillCommand.class,
                KillCommand.Resume.class, TailCommand.class, RecordCommand.class, ReplayCommand.class, TopicsCommand.class,
                SignCommand.class})
public final class MmCommand implements Runnable {

    /** The project root (the folder holding ./mm), set by the ./mm script. */
    static Path root() {
        return Path.of(System.getProperty("mm.root", ".")).toAbsolutePath().normalize();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The command line as ./mm runs it: an exception's message (never its stack) on stderr, exit code 1. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MmCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("mm: " + e.getMessage());
            return 1;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
