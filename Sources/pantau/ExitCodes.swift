import ArgumentParser

/// The exit codes `pantau --help` documents.
enum PantauExit {
    /// A rule lint or rule example failed.
    static let checksFailed = ExitCode(2)
    /// The inventory or the rules are invalid (sysexits EX_DATAERR).
    static let invalidInput = ExitCode(65)
    /// Interrupted; a partial report was written (128 + SIGINT).
    static let interrupted = ExitCode(130)
}

/// An error the CLI prints as one plain line before exiting with `exitCode`.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var exitCode: ExitCode
}
