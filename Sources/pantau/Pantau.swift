import ArgumentParser

@main
struct Pantau: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pantau",
        abstract: "Audit a district's government websites: activity, public-information sections, broken links.",
        discussion: """
        Pantau crawls every institution's site listed in an inventory file, applies the rules in a \
        rules directory (freshness, PPID and the other sections UU 14/2008 asks for, broken links), \
        and writes a scorecard per institution and one district report (HTML, JSON, CSV).

        Start with `pantau demo`: it audits a built-in demo district of 65 sites served on this \
        machine. Then write an inventory of your own district (see examples/inventory-template.yaml) \
        and run `pantau audit --inventory FILE`.

        Exit codes: 0 report written, audit complete; 1 failure (nothing or a partial report \
        written); 2 rule lint or rule examples failed; 64 a bad command-line option; \
        65 invalid input (inventory or rules); 130 interrupted (Ctrl-C): a partial report was written.
        """,
        version: "0.1.0",
        subcommands: [AuditCommand.self, DemoCommand.self, RulesCommand.self]
    )
}
