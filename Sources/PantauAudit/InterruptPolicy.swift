/// What Ctrl-C does to a running audit: the first SIGINT stops it cleanly (a partial report is
/// still written), a second one quits at once.
///
/// Counts signals, not signal-handler runs: a dispatch signal source coalesces the SIGINTs that
/// arrive before its handler runs (`DispatchSource.data` says how many), and on a busy machine
/// two quick Ctrl-Cs often arrive together. Counting runs made "Ctrl-C twice" wait for the whole
/// roll-up.
public struct InterruptPolicy: Sendable {
    public enum Action: Sendable, Equatable {
        /// Cancel the audit and write what was gathered.
        case stop
        /// Exit now (exit code 130).
        case quit
        /// Already stopping or quitting; nothing more to do.
        case none
    }

    private var seen = 0

    public init() {}

    /// Records `signals` more SIGINTs (a handler run's `DispatchSource.data`, at least 1).
    public mutating func record(_ signals: UInt) -> Action {
        let before = seen
        seen += max(1, Int(clamping: signals))
        if seen >= 2 { return before >= 2 ? .none : .quit }
        return .stop
    }
}
