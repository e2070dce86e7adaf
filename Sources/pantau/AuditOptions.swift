import ArgumentParser
import Foundation
import PantauCore
import PantauCrawl
import PantauFetch
import PantauReport
import PantauRules

extension ReportLanguage: ExpressibleByArgument {}

/// Options shared by `audit` and `demo`: where rules and reports live, and how politely to crawl.
struct AuditOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The rules directory (every *.yaml in it is loaded).", valueName: "dir"))
    var rules: String = "rules"

    @Option(help: ArgumentHelp("Run only these rule packs, comma-separated (a pack is a rule file's 'pack:' name or its file name without .yaml).",
                               valueName: "names"))
    var packs: String?

    @Option(name: .customLong("disable-pack"),
            help: ArgumentHelp("Do not run this rule pack (repeatable, or comma-separated).", valueName: "name"))
    var disablePack: [String] = []

    @Option(help: ArgumentHelp("Where report.html, report.json, scorecards.csv and findings.csv are written.",
                               valueName: "dir"))
    var out: String = "pantau-report"

    @Option(help: "Report language: id (Bahasa Indonesia) or en.")
    var lang: ReportLanguage = .id

    @Option(help: ArgumentHelp("Judge freshness as of this day, YYYY-MM-DD (default: today in WIB).",
                               valueName: "date"))
    var auditDate: String?

    @Option(name: .customLong("resolve"),
            help: ArgumentHelp("Send HOST:PORT to ADDRESS instead of looking it up, as curl --resolve does (repeatable).",
                               valueName: "host:port:address"))
    var resolve: [String] = []

    @Flag(help: "Contact only the hosts given with --resolve; every other link is reported as not checked, without a DNS lookup.")
    var onlyResolved = false

    @Option(help: "Pages crawled per site at most.")
    var maxPages: Int = 500

    @Option(help: "Link depth from the home page at most.")
    var maxDepth: Int = 10

    @Option(help: "Institutions audited at the same time.")
    var concurrency: Int = 8

    @Option(help: "Connections to any one host at the same time (small government servers: keep it low).")
    var perHostConnections: Int = 4

    @Option(help: ArgumentHelp(
        "Requests per second to any one host, 0 for no limit (default 8 for audit, kind to small shared servers; 0 for demo, whose sites are local). A host that answers 429 gets half its rate for the rest of the run.",
        valueName: "rate"))
    var perHostRate: Double?

    @Option(help: ArgumentHelp("Seconds a single request may take.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(help: ArgumentHelp("The User-Agent header; keep a contact address in it (default: \"\(FetchConfiguration.defaultUserAgent)\").",
                               valueName: "text"))
    var userAgent: String?

    @Option(help: ArgumentHelp("Also trust the certificate authorities in this PEM file.", valueName: "file"))
    var cacert: String?

    @Flag(name: .shortAndLong, help: "No progress line and no summary table.")
    var quiet = false

    func validate() throws {
        guard maxPages >= 1 else { throw ValidationError("--max-pages must be at least 1") }
        guard maxDepth >= 0 else { throw ValidationError("--max-depth must be 0 or more") }
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1...64") }
        guard (1...64).contains(perHostConnections) else { throw ValidationError("--per-host-connections must be 1...64") }
        if let perHostRate, !(perHostRate >= 0 && perHostRate.isFinite) {
            throw ValidationError("--per-host-rate must be 0 (no limit) or a positive number of requests per second")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        if packSelection.only?.isEmpty == true { throw ValidationError("--packs names no pack; e.g. --packs freshness,openness") }
        if let auditDate, CalendarDate(iso: auditDate) == nil {
            throw ValidationError("--audit-date '\(auditDate)' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01")
        }
        for entry in resolve where ResolveEntry(parsing: entry) == nil {
            throw ValidationError("--resolve '\(entry)' is not HOST:PORT:ADDRESS, e.g. dinkes.sukamajukab.test:8090:127.0.0.1")
        }
    }

    /// The packs `--packs` and `--disable-pack` choose.
    var packSelection: PackSelection {
        func names(_ text: String) -> [String] {
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return PackSelection(only: packs.map(names), disabled: disablePack.flatMap(names))
    }

    /// The audit day: `--audit-date`, or today in WIB (UTC+7).
    var day: CalendarDate {
        auditDate.flatMap { CalendarDate(iso: $0) } ?? CalendarDate(unixTime: Date().timeIntervalSince1970, utcOffsetHours: 7)
    }

    func fetchConfiguration(extraResolve: [ResolveEntry] = [], onlyResolved forced: Bool = false) -> FetchConfiguration {
        var config = FetchConfiguration()
        if let userAgent { config.userAgent = userAgent }
        config.requestTimeout = timeout
        config.maxConnectionsPerHost = perHostConnections
        config.resolve = resolve.compactMap(ResolveEntry.init(parsing:)) + extraResolve
        config.onlyResolved = onlyResolved || forced
        config.caFile = cacert
        return config
    }

    /// Politeness for every request: `--per-host-rate`, the rest at ``PolitenessPolicy``'s defaults
    /// (2 retries with backoff, Retry-After honoured up to 120 s per request, breaker after 5 failures).
    var politeness: PolitenessPolicy {
        var policy = PolitenessPolicy()
        if let perHostRate { policy.requestsPerSecond = perHostRate }
        return policy
    }

    var limits: CrawlLimits {
        // A site's link checks may use as many connections as its pages (the host permits still
        // apply per host): raising --per-host-connections speeds the checks up too.
        CrawlLimits(maxPages: maxPages, maxDepth: maxDepth, siteConcurrency: perHostConnections,
                    linkCheckConcurrency: max(8, perHostConnections))
    }
}
