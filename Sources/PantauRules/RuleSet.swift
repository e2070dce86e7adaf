import Foundation
import PantauCore
import PantauYAML

/// Every problem found while loading a rule directory, each at its `file:line:column`.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    /// Sorted by file, line and column.
    public var errors: [YAMLError]

    public init(_ errors: [YAMLError]) { self.errors = errors.sorted(by: YAMLError.sourceOrder) }

    /// One `file:line:column: message` line per error.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A rule pack's header (`pack:` and `description:` of one file).
public struct RulePack: Sendable, Hashable {
    /// The pack's name; the file's base name when it gives none.
    public var name: String
    public var description: String?
    /// The file it came from.
    public var file: String
    /// The ids of its rules, in file order.
    public var ruleIDs: [String]
}

/// The rules and scorecard of one audit, loaded from a directory of YAML files.
public struct RuleSet: Sendable {
    /// All rules, in file order then rule order.
    public var rules: [RuleDefinition]
    public var scorecard: ScorecardConfig
    /// The packs the rules came from.
    public var packs: [RulePack]
    /// The directory the files were read from, or nil when loaded from a file list.
    public var directory: String?

    public init(rules: [RuleDefinition], scorecard: ScorecardConfig = .default, packs: [RulePack] = [],
                directory: String? = nil) {
        self.rules = rules
        self.scorecard = scorecard
        self.packs = packs
        self.directory = directory
    }

    /// Loads every `*.yaml`/`*.yml` file directly inside `directory` (sorted by name, not recursive).
    ///
    /// - Parameters:
    ///   - directory: The rule directory; paths in errors are `directory/file.yaml`.
    ///   - plugins: Registered plugin ids → the category their rules count towards by default.
    /// - Throws: ``RuleLoadError`` with every problem of every file (syntax, unknown keys, wrong
    ///   types, duplicate rule ids, unknown plugins, a second scorecard, ...). Plugin parameters are
    ///   not checked here: the plugins compile them (see ``RuleLinter``).
    public static func load(directory: String, plugins: [String: String]) throws(RuleLoadError) -> RuleSet {
        let files: [String]
        do {
            files = try ruleFiles(in: directory)
        } catch {
            throw RuleLoadError([error])
        }
        var set = try load(files: files, plugins: plugins)
        set.directory = directory
        return set
    }

    /// Loads the given rule files in the given order.
    /// - Throws: ``RuleLoadError`` with every problem of every file.
    public static func load(files: [String], plugins: [String: String]) throws(RuleLoadError) -> RuleSet {
        let (set, errors) = collect(files: files, plugins: plugins)
        guard errors.isEmpty else { throw RuleLoadError(errors) }
        return set
    }

    /// The `*.yaml`/`*.yml` files directly inside `directory`, sorted by name.
    /// - Throws: ``YAMLError`` at `directory` when it does not exist, is not a directory, cannot be
    ///   listed or holds no rule file.
    public static func ruleFiles(in directory: String) throws(YAMLError) -> [String] {
        let here = SourceLocation(file: directory, line: 1, column: 1)
        // Said plainly: Foundation's listing error for these is "The operation could not be completed".
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw YAMLError("the rule directory does not exist", at: here)
        }
        guard isDirectory.boolValue else {
            throw YAMLError("not a directory: give the directory that holds the rule files", at: here)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw YAMLError("cannot read the rule directory: \(error.localizedDescription)", at: here)
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { prefix + $0 }
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
        guard !files.isEmpty else { throw YAMLError("no rule files (*.yaml, *.yml) in this directory", at: here) }
        return files
    }

    /// Loads what can be loaded and returns it with every error, so a linter can still hand the
    /// valid rules to the plugins' own checks.
    static func collect(files: [String], plugins: [String: String]) -> (RuleSet, [YAMLError]) {
        var diagnostics = Diagnostics()
        var assembler = RuleSetAssembler(plugins: plugins)
        for file in files {
            guard let text = readText(file, into: &diagnostics),
                  let documents = diagnostics.attempt({ () throws(YAMLError) in try YAMLParser.parse(text, file: file) })
            else { continue }
            if documents.isEmpty {
                diagnostics.report("the file is empty; expected a mapping with 'rules:' and/or 'scorecard:'",
                                   at: SourceLocation(file: file, line: 1, column: 1))
            }
            for document in documents { assembler.add(document, file: file, into: &diagnostics) }
        }
        let set = assembler.finish(into: &diagnostics)
        return (set, diagnostics.sorted)
    }

    private static func readText(_ file: String, into diagnostics: inout Diagnostics) -> String? {
        guard let data = FileManager.default.contents(atPath: file) else {
            diagnostics.report("cannot read the file", at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.report("the file is not valid UTF-8", at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        return text
    }
}

/// Gathers the documents of a rule directory and checks what spans files: unique rule ids, one
/// scorecard, rule categories that exist in the scorecard.
private struct RuleSetAssembler {
    let decoder: RuleDecoder
    var rules: [RuleDefinition] = []
    var firstDefinition: [String: SourceLocation] = [:]
    var packs: [RulePack] = []
    var scorecard: ScorecardConfig?
    /// Where the first `scorecard:` was written, even when it had errors.
    var scorecardLocation: SourceLocation?
    /// Explicit `category:` values, checked against the scorecard once it is known.
    var explicitCategories: [(name: String, location: SourceLocation)] = []

    init(plugins: [String: String]) { decoder = RuleDecoder(plugins: plugins) }

    mutating func add(_ document: YAMLNode, file: String, into diagnostics: inout Diagnostics) {
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in
            try MappingReader(document, expected: "a mapping with 'rules:' and/or 'scorecard:'")
        }) else { return }
        let name = diagnostics.attempt { () throws(YAMLError) in try reader.optional("pack")?.string() }
        let description = diagnostics.attempt { () throws(YAMLError) in try reader.optional("description")?.string() }
        let rulesNode = reader.optional("rules")
        let scorecardNode = reader.optional("scorecard")
        diagnostics.report(contentsOf: reader.finish())
        if rulesNode == nil && scorecardNode == nil && !reader.contains("rules") && !reader.contains("scorecard") {
            diagnostics.report("expected 'rules:' and/or 'scorecard:'", at: document.location)
        }

        var ids: [String] = []
        if let rulesNode, let items = diagnostics.attempt({ () throws(YAMLError) in try rulesNode.sequence() }) {
            for item in items {
                noteCategory(of: item)
                guard let rule = decoder.decode(item, into: &diagnostics) else { continue }
                if let first = firstDefinition[rule.id] {
                    diagnostics.report("duplicate rule id '\(rule.id)'; first defined at \(first)", at: idLocation(of: item))
                    continue
                }
                firstDefinition[rule.id] = rule.location
                rules.append(rule)
                ids.append(rule.id)
            }
        }
        if let scorecardNode {
            if let first = scorecardLocation {
                diagnostics.report("a second scorecard; there must be one per rule directory, the first is at \(first)",
                                   at: scorecardNode.location)
            } else {
                scorecardLocation = scorecardNode.location
                scorecard = ScorecardDecoder.decode(scorecardNode, into: &diagnostics)
            }
        }
        if rulesNode != nil {
            let base = (file as NSString).lastPathComponent
            let packName = (name ?? nil) ?? (base as NSString).deletingPathExtension
            packs.append(RulePack(name: packName, description: description ?? nil, file: file, ruleIDs: ids))
        }
    }

    mutating func finish(into diagnostics: inout Diagnostics) -> RuleSet {
        let config = scorecard ?? .default
        let known = config.categories.map(\.name)
        for (name, location) in explicitCategories where !known.contains(name) {
            diagnostics.report("unknown category '\(name)'" + Suggestion.phrase(for: name, among: known, listing: true),
                               at: location)
        }
        return RuleSet(rules: rules, scorecard: config, packs: packs)
    }

    private mutating func noteCategory(of item: YAMLNode) {
        guard let value = item.mappingEntries?.first(where: { $0.key.scalarText == "category" })?.value,
              !value.isNull, let name = value.scalarText else { return }
        explicitCategories.append((name, value.location))
    }

    private func idLocation(of item: YAMLNode) -> SourceLocation {
        item.mappingEntries?.first(where: { $0.key.scalarText == "id" })?.value.location ?? item.location
    }
}
