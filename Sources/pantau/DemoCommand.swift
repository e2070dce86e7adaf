import ArgumentParser
import Foundation
import PantauCore
import PantauDemo
import PantauFetch

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Audit the built-in demo district: 65 simulated sites served on 127.0.0.1.",
        discussion: """
        Starts a web server on 127.0.0.1 (a free port) that serves the 65 sites of the fictional \
        Kabupaten Sukamaju (31 OPD, 18 kecamatan, 15 kelurahan, the portal), each under its own host \
        name, with planted faults: stale sites, missing and empty sections, broken links. Audits \
        them exactly as `pantau audit` would (only that server is contacted), prints the summary, \
        writes the report and the planted ground truth, and stops the server.
        """
    )

    @Option(help: "Seed of the generated district (the same seed gives the same sites).")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Also write the planted ground truth here (default: <out>/ground-truth.json).",
                               valueName: "file"))
    var groundTruth: String?

    @OptionGroup var options: AuditOptions

    func run() async throws {
        let district = DemoDistrict(seed: seed, auditDate: options.day)
        let server: DemoServer
        do {
            server = try await DemoServer.start(district: district)
        } catch {
            fail("cannot start the demo server on 127.0.0.1: \(error)", .failure)
        }
        let institutions = district.institutions(port: server.port)
        let resolve = institutions.compactMap { institution -> ResolveEntry? in
            guard let host = URLComponents(string: institution.url)?.host else { return nil }
            return ResolveEntry(host: host, port: server.port, address: "127.0.0.1")
        }
        if !options.quiet {
            print("Demo district \(district.districtName): \(institutions.count) sites on http://127.0.0.1:\(server.port)/ "
                + "(audit date \(options.day))")
        }
        let outcome: Result<AuditReport, CLIError>
        do {
            // The demo's sites are served by this process: no need to spare them unless asked.
            var demoOptions = options
            demoOptions.perHostRate = options.perHostRate ?? 0
            outcome = .success(try await AuditRunner(options: demoOptions, districtName: district.districtName)
                .run(institutions: institutions, inputProblems: [], extraResolve: resolve, onlyResolved: true))
        } catch let error as CLIError {
            outcome = .failure(error)
        }
        try? await server.stop()
        let truthPath = groundTruth ?? (options.out as NSString).appendingPathComponent("ground-truth.json")
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try FileManager.default.createDirectory(atPath: (truthPath as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try encoder.encode(district.groundTruth(port: server.port)).write(to: URL(fileURLWithPath: truthPath))
            if !options.quiet { print("wrote \(truthPath) (the planted ground truth)") }
        } catch {
            FileHandle.standardError.write(Data("pantau: could not write the ground truth to \(truthPath): \(error)\n".utf8))
        }
        if case .failure(let error) = outcome { fail(error.description, error.exitCode) }
    }
}
