import Benchmark
import Foundation
import PantauCore
import PantauCrawl
import PantauHTML
import PantauPlugins
import PantauRules

// The crawl's per-page hot paths, on the pages of the benchmark site that shared/bench/gen_site.py
// generates (a WordPress-like Indonesian government site; 21–42 KB per page):
// - parsing plus link extraction, in MB/s of HTML;
// - URL resolution (RFC 3986 against the page URL, normal form), in URLs/s;
// - every default rule plugin's `inspect` on one page, in pages/s.

let benchmarks: @Sendable () -> Void = {
    let fixture = Fixture.shared
    func configuration(_ rate: BenchmarkMetric) -> Benchmark.Configuration {
        Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal, rate],
                                maxDuration: .seconds(5), maxIterations: 1_000)
    }

    Benchmark("HTML parse + link extraction (\(fixture.pages.count) pages, \(fixture.totalBytes / 1024) KB)",
              configuration: configuration(Fixture.megabytesPerSecond)) { benchmark in
        let clock = ContinuousClock()
        var bytes = 0
        let start = clock.now
        for _ in benchmark.scaledIterations {
            for page in fixture.pages {
                let document = HTMLDocument(bytes: page.body, url: page.url, encoding: "UTF-8")
                blackHole(document.links().count)
                bytes += page.body.count
            }
        }
        benchmark.measurement(Fixture.megabytesPerSecond, Fixture.rate(Double(bytes) / 1e6, since: start, clock))
    }

    Benchmark("URL resolution, URLResolver fast path then CrawlURL (\(fixture.hrefs.count) hrefs)",
              configuration: configuration(Fixture.urlsPerSecond)) { benchmark in
        let resolvers = fixture.hrefs.map { URLResolver(base: $0.1.absoluteString) }
        let clock = ContinuousClock()
        var resolved = 0
        let start = clock.now
        for _ in benchmark.scaledIterations {
            for (index, (href, base)) in fixture.hrefs.enumerated() {
                if (resolvers[index]?.resolve(href) ?? CrawlURL.resolve(href, against: base)) != nil { resolved += 1 }
            }
        }
        benchmark.measurement(Fixture.urlsPerSecond, Fixture.rate(Double(resolved), since: start, clock))
    }

    Benchmark("URL resolution, CrawlURL (Foundation) only (\(fixture.hrefs.count) hrefs)",
              configuration: configuration(Fixture.urlsPerSecond)) { benchmark in
        let clock = ContinuousClock()
        var resolved = 0
        let start = clock.now
        for _ in benchmark.scaledIterations {
            for (href, base) in fixture.hrefs {
                if CrawlURL.resolve(href, against: base) != nil { resolved += 1 }
            }
        }
        benchmark.measurement(Fixture.urlsPerSecond, Fixture.rate(Double(resolved), since: start, clock))
    }

    Benchmark("Rule evaluation, all default plugins (one post page)",
              configuration: configuration(Fixture.pagesPerSecond)) { benchmark in
        let inspectors = fixture.inspectors()
        let post = fixture.post
        let document = HTMLDocument(bytes: post.body, url: post.url, encoding: "UTF-8")
        let page = Page(url: post.url, requestedURL: post.url, status: 200,
                        headers: [HTTPHeader(name: "Content-Type", value: "text/html; charset=UTF-8")],
                        mediaType: "text/html", body: post.body, depth: 3, role: .crawled, document: document)
        let clock = ContinuousClock()
        let start = clock.now
        var pages = 0
        for _ in benchmark.scaledIterations {
            for inspector in inspectors { blackHole(inspector.inspect(page)) }
            pages += 1
        }
        benchmark.measurement(Fixture.pagesPerSecond, Fixture.rate(Double(pages), since: start, clock))
    }
}

/// The generated pages, read once per benchmark process.
struct Fixture: @unchecked Sendable {
    struct HTMLFile {
        var url: String
        var body: [UInt8]
    }

    static let shared = Fixture()
    static let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    static let urlsPerSecond = BenchmarkMetric.custom("URLs/s", polarity: .prefersLarger, useScalingFactor: false)
    static let pagesPerSecond = BenchmarkMetric.custom("pages/s", polarity: .prefersLarger, useScalingFactor: false)

    static let baseURL = "http://127.0.0.1:8088"

    let pages: [HTMLFile]
    let post: HTMLFile
    let hrefs: [(String, URL)]
    var totalBytes: Int { pages.reduce(0) { $0 + $1.body.count } }

    /// Generates a 40-page site (gen_site.py's minimum: every page type) into a temporary folder.
    /// `PANTAU_BENCH_GEN` overrides the generator's path.
    init() {
        let generator = ProcessInfo.processInfo.environment["PANTAU_BENCH_GEN"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/bench/gen_site.py")
                .standardized.path
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-bench-site-\(getpid())")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", generator, site.path, "--pages", "40", "--seed", "1", "--force",
                             "--base-url", Self.baseURL]
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            fatalError("cannot run \(generator): \(error)")
        }
        guard process.terminationStatus == 0 else { fatalError("\(generator) failed (\(process.terminationStatus))") }
        defer {
            try? FileManager.default.removeItem(at: site)
            try? FileManager.default.removeItem(atPath: site.path + ".manifest.json")
        }
        var files: [HTMLFile] = []
        let enumerator = FileManager.default.enumerator(atPath: site.path)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix("index.html"), let data = FileManager.default.contents(atPath: site.path + "/" + relative)
            else { continue }
            let path = "/" + relative.dropLast("index.html".count)
            files.append(HTMLFile(url: Self.baseURL + path, body: Array(data)))
        }
        files.sort { $0.url < $1.url }
        precondition(!files.isEmpty, "the generator wrote no pages")
        pages = files
        // A dated post permalink: /YYYY/MM/DD/slug/.
        post = files.first { $0.url.dropFirst(Self.baseURL.count).split(separator: "/").first?.count == 4 } ?? files[0]
        var hrefs: [(String, URL)] = []
        for page in files {
            let document = HTMLDocument(bytes: page.body, url: page.url, encoding: "UTF-8")
            let base = URL(string: page.url)!
            for link in document.links() { hrefs.append((link.href, base)) }
        }
        self.hrefs = hrefs
    }

    /// One inspector per default plugin, for an institution at the benchmark site.
    func inspectors() -> [any SiteInspector] {
        let rulesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../rules").standardized.path
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleSet.load(directory: rulesDirectory, plugins: PluginRegistry.defaultCategories)
        } catch {
            fatalError("cannot load \(rulesDirectory): \(error)")
        }
        let institution = Institution(id: "bench", name: "Benchmark site", type: .opd, url: Self.baseURL + "/")
        let auditDate = CalendarDate(year: 2026, month: 12, day: 1)!
        return PluginRegistry.all.compactMap { type -> (any SiteInspector)? in
            let mine = ruleSet.rules.filter { $0.plugin == type.id }
            guard !mine.isEmpty, let plugin = try? type.init(rules: mine) else { return nil }
            return plugin.makeInspector(for: institution, auditDate: auditDate)
        }
    }

    static func rate(_ amount: Double, since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Int {
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Int(amount / seconds) : 0
    }
}
