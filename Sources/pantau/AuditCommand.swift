import ArgumentParser
import Foundation
import PantauRules

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit the sites listed in an inventory file and write the district report.",
        discussion: """
        The inventory lists each institution's id, name, type (opd, kecamatan, kelurahan, \
        district) and home-page URL, as YAML or CSV; see examples/inventory-template.yaml. \
        Entries with a bad URL or type are reported and skipped; the rest are audited.

        Example:
          pantau audit --inventory examples/realcms-inventory.yaml --out laporan \\
            --resolve dinkes.purbalingga.test:8089:127.0.0.1 --only-resolved
        """
    )

    @Option(help: ArgumentHelp("The inventory file (.yaml, .yml or .csv).", valueName: "file"))
    var inventory: String

    @OptionGroup var options: AuditOptions

    @Flag(help: "Also print `RESULT pages=N urls=N broken=N` (HTML pages crawled, distinct link URLs checked, distinct broken URLs) for the crawl benchmark.")
    var benchResult = false

    func run() async throws {
        let loaded: Inventory
        do {
            loaded = try InventoryLoader.load(path: inventory)
        } catch {
            fail("cannot read the inventory \(inventory): \(error)", PantauExit.invalidInput)
        }
        for problem in loaded.problems {
            FileHandle.standardError.write(Data("pantau: skipped: \(problem)\n".utf8))
        }
        guard !loaded.institutions.isEmpty else {
            fail("the inventory \(inventory) lists no usable institution", PantauExit.invalidInput)
        }
        do {
            _ = try await AuditRunner(options: options, districtName: loaded.district, benchResult: benchResult)
                .run(institutions: loaded.institutions, inputProblems: loaded.problems.map(\.description))
        } catch let error as CLIError {
            fail(error.description, error.exitCode)
        }
    }
}

/// Prints `pantau: message` to stderr and exits.
func fail(_ message: String, _ code: ExitCode) -> Never {
    FileHandle.standardError.write(Data("pantau: \(message)\n".utf8))
    Foundation.exit(code.rawValue)
}
