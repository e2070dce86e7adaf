import ArgumentParser
import Dispatch
import Foundation
import PantauAudit
import PantauCore
import PantauFetch
import PantauPlugins
import PantauReport
import PantauRules
import Synchronization

/// Runs one audit for the CLI: loads and checks the rules, audits with a progress line, stops
/// cleanly on Ctrl-C, writes the reports, prints the summary.
struct AuditRunner {
    var options: AuditOptions
    var districtName: String?
    /// Print `RESULT pages=N urls=N broken=N` (summed over the sites) for the crawl benchmark.
    var benchResult = false

    /// - Returns: the report (already written to `options.out`).
    /// - Throws: ``CLIError`` with the exit code to use.
    func run(institutions: [Institution], inputProblems: [String], extraResolve: [ResolveEntry] = [],
             onlyResolved: Bool = false) async throws -> AuditReport {
        MallocTuning.apply()
        let allRules = try Self.loadRules(options.rules)
        // Checked against every pack: overriding a rule of a pack left out of this run is fine.
        let overrideProblems = RuleProfile.checkOverrides(of: institutions, against: allRules.rules)
        guard overrideProblems.isEmpty else {
            throw CLIError(description: "the inventory's rule_params are invalid:\n"
                + overrideProblems.map(\.description).joined(separator: "\n"), exitCode: PantauExit.invalidInput)
        }
        let ruleSet: RuleSet
        do {
            ruleSet = try allRules.selecting(options.packSelection)
        } catch {
            throw CLIError(description: "\(error)", exitCode: PantauExit.invalidInput)
        }
        let configuration = AuditConfiguration(
            institutions: institutions, ruleSet: ruleSet,
            fetch: options.fetchConfiguration(extraResolve: extraResolve, onlyResolved: onlyResolved),
            limits: options.limits, politeness: options.politeness, maxConcurrentSites: options.concurrency, auditDate: options.day,
            inputProblems: inputProblems)
        let audit: Audit
        do {
            audit = try Audit(configuration: configuration)
        } catch {
            throw CLIError(description: "the rules (or the inventory's rule_params) are invalid:\n\(error)",
                           exitCode: PantauExit.invalidInput)
        }

        // Before the crawl, not after it: an unwritable --out must not cost the whole audit.
        do {
            try ReportWriter.prepare(directory: options.out)
        } catch {
            throw CLIError(description: "cannot write the report to --out \(options.out): \(error)", exitCode: .failure)
        }

        let progress = ProgressLine(enabled: !options.quiet && isatty(STDERR_FILENO) == 1)
        let counts = Mutex(CrawlCounts(pages: 0, urls: 0, broken: 0))
        let report: AuditReport
        do {
            report = try await Interruptible.run {
                try await audit.run { event in
                    if case .siteCrawled(_, let site) = event {
                        counts.withLock { $0.pages += site.pages; $0.urls += site.urls; $0.broken += site.broken }
                    }
                    progress.handle(event)
                }
            }
        } catch {
            progress.clear()
            throw CLIError(description: "the audit could not start: \(error)", exitCode: .failure)
        }
        progress.clear()

        let reportOptions = ReportOptions(
            language: options.lang, districtName: districtName,
            categoryTitles: Dictionary(ruleSet.scorecard.categories.map {
                ($0.name, options.lang == .en ? $0.titleEN : $0.title)
            }, uniquingKeysWith: { first, _ in first }))
        let written: [String]
        do {
            written = try ReportWriter.write(report, to: options.out, options: reportOptions)
        } catch {
            throw CLIError(description: "could not write the report to \(options.out): \(error)", exitCode: .failure)
        }
        if benchResult {
            // The line the crawl benchmark harness (shared/bench, run_peers.sh) reads.
            let total = counts.withLock { $0 }
            print("RESULT pages=\(total.pages) urls=\(total.urls) broken=\(total.broken)")
        }
        if !options.quiet {
            print(SummaryTable.render(report))
            print("")
            for path in written { print("wrote \(path)") }
        }
        if !report.complete {
            FileHandle.standardError.write(Data("pantau: interrupted; the report is partial (complete: false)\n".utf8))
            throw CLIError(description: "interrupted", exitCode: PantauExit.interrupted)
        }
        return report
    }

    /// Loads the rules directory, turning every problem into one located line.
    static func loadRules(_ directory: String) throws -> RuleSet {
        do {
            return try RuleSet.load(directory: directory, plugins: PluginRegistry.defaultCategories)
        } catch {
            throw CLIError(description: "the rules in \(directory) are invalid:\n\(error)\n"
                + "Run `pantau rules lint \(directory)` after fixing them.", exitCode: PantauExit.invalidInput)
        }
    }
}

/// Runs an operation that Ctrl-C cancels: the first SIGINT cancels it (the audit then rolls up
/// what it has), a second one exits at once.
enum Interruptible {
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let (signals, continuation) = AsyncStream<Void>.makeStream()
        let policy = Mutex(InterruptPolicy())
        signal(SIGINT, SIG_IGN)
        // A queue of its own (not `.global()`): the audit's tasks may keep every pooled thread
        // busy, and "Ctrl-C again to quit now" must not wait for them.
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "pantau.sigint"))
        source.setEventHandler {
            let signals = source.data
            switch policy.withLock({ $0.record(signals) }) {
            case .quit:
                exit(PantauExit.interrupted.rawValue)
            case .stop:
                FileHandle.standardError.write(Data("\npantau: stopping; writing a partial report (Ctrl-C again to quit now)\n".utf8))
                continuation.yield()
            case .none:
                break
            }
        }
        source.resume()
        defer {
            source.cancel()
            source.setEventHandler(handler: nil)  // the handler holds the source
            signal(SIGINT, SIG_DFL)
        }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                defer { continuation.finish() }
                return try await operation()
            }
            group.addTask {
                for await _ in signals { return nil }
                return nil
            }
            while let value = try await group.next() {
                if let value { return value }
                group.cancelAll() // Ctrl-C: the operation sees cancellation and returns what it has
            }
            throw CancellationError()
        }
    }
}

/// A one-line progress display on a terminal's stderr.
final class ProgressLine: Sendable {
    private let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    func handle(_ event: AuditEvent) {
        guard enabled, case .siteFinished(let report, let finished, let total) = event else { return }
        let line = "[\(finished)/\(total)] \(report.id): \(report.pagesCrawled) pages, score \(report.score)"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
