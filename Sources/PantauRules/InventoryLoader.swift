import Foundation
import PantauCore
import PantauYAML

/// The institutions to audit, with the problems of the entries that had to be left out.
public struct Inventory: Sendable {
    /// The district's name (`Kabupaten Purbalingga`), when the file gives one (YAML only).
    public var district: String?
    /// The valid entries, in file order.
    public var institutions: [Institution]
    /// One located error per problem; an entry with a problem in `id`, `name`, `type` or `url`
    /// is skipped, so the rest of the audit still runs.
    public var problems: [YAMLError]

    public init(district: String?, institutions: [Institution], problems: [YAMLError]) {
        self.district = district
        self.institutions = institutions
        self.problems = problems
    }
}

/// Reads an inventory from YAML (`*.yaml`, `*.yml`) or CSV (`*.csv`).
///
/// YAML: `district:` (optional) and `institutions:`, a list of `{id, name, type, url,
/// disable_rules, rule_params}` (`rule_params`: rule id → parameters merged over the rule's own,
/// see ``ParamOverride``). CSV: a header row naming the columns `id,name,type,url` and optionally
/// `disable_rules` (rule ids separated by `;`), in any order, then one row per institution.
public enum InventoryLoader {
    /// Loads the inventory at `path`, choosing the format by its extension.
    /// - Throws: ``YAMLError`` when the file cannot be read, is not valid YAML/CSV, or lacks the
    ///   overall shape (no `institutions:` list, no header with the required columns). Problems
    ///   in single entries do not throw: they are in ``Inventory/problems``.
    public static func load(path: String) throws(YAMLError) -> Inventory {
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw YAMLError("cannot read the inventory file: \(readFailure(path))", at: start)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw YAMLError("the inventory file is not valid UTF-8", at: start)
        }
        return path.lowercased().hasSuffix(".csv") ? try parse(csv: text, file: path) : try parse(yaml: text, file: path)
    }

    /// Why `path` cannot be read, in words a user can act on.
    private static func readFailure(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "no such file; check the path given to --inventory"
        }
        if isDirectory.boolValue { return "it is a directory; give the inventory file itself (.yaml, .yml or .csv)" }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        close(descriptor)
        return "reading it failed"
    }

    /// Parses a YAML inventory. `file` names the source in locations.
    /// - Throws: ``YAMLError`` for a syntax error or a file that is not a mapping with `institutions:`.
    public static func parse(yaml text: String, file: String) throws(YAMLError) -> Inventory {
        let documents = try YAMLParser.parse(text, file: file)
        guard let root = documents.first else {
            throw YAMLError("the inventory is empty; expected 'institutions:'", at: SourceLocation(file: file, line: 1, column: 1))
        }
        var reader = try MappingReader(root, expected: "a mapping with 'district:' and 'institutions:'")
        let entries = try reader.required("institutions").sequence()
        var builder = InventoryBuilder()
        let district = builder.problems.attempt { () throws(YAMLError) in try reader.optional("district")?.string() }
        builder.problems.report(contentsOf: reader.finish())
        if documents.count > 1 {
            builder.problems.report("only the first YAML document is read", at: documents[1].location)
        }
        for entry in entries { builder.add(yaml: entry) }
        return Inventory(district: district ?? nil, institutions: builder.institutions, problems: builder.problems.sorted)
    }

    /// Parses a CSV inventory. `file` names the source in locations.
    /// - Throws: ``YAMLError`` for a broken quote or a header without the required columns.
    public static func parse(csv text: String, file: String) throws(YAMLError) -> Inventory {
        let table = try CSVTable(text: text, file: file)
        guard let header = table.records.first else {
            throw YAMLError("the inventory is empty; expected a header row 'id,name,type,url'",
                            at: SourceLocation(file: file, line: 1, column: 1))
        }
        var builder = InventoryBuilder()
        var columns: [String: Int] = [:]
        for (index, field) in header.enumerated() {
            let name = field.text.trimmingCharacters(in: .whitespaces).lowercased()
            if !InventoryBuilder.columns.contains(name) {
                builder.problems.report("unknown column '\(name)'" + Suggestion.phrase(for: name, among: InventoryBuilder.columns),
                                        at: field.location)
            } else if columns[name] != nil {
                builder.problems.report("duplicate column '\(name)'", at: field.location)
            } else {
                columns[name] = index
            }
        }
        let missing = InventoryBuilder.requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw YAMLError("the header lacks the column(s) \(missing.joined(separator: ", ")); expected 'id,name,type,url[,disable_rules]'",
                            at: header[0].location)
        }
        for row in table.records.dropFirst() { builder.add(csv: row, columns: columns, headerCount: header.count) }
        return Inventory(district: nil, institutions: builder.institutions, problems: builder.problems.sorted)
    }
}

/// Validates entries one by one, keeping the good ones and a located problem for each bad one.
private struct InventoryBuilder {
    static let requiredColumns = ["id", "name", "type", "url"]
    static let columns = requiredColumns + ["disable_rules"]

    struct Located {
        var text: String
        var location: SourceLocation
    }

    var institutions: [Institution] = []
    var problems = Diagnostics()
    private var firstSeen: [String: SourceLocation] = [:]

    mutating func add(yaml entry: YAMLNode) {
        guard var reader = problems.attempt({ () throws(YAMLError) in
            try MappingReader(entry, expected: "an institution (a mapping with id, name, type, url)")
        }) else { return }
        var fields: [String: Located] = [:]
        for key in Self.requiredColumns {
            let field = problems.attempt { () throws(YAMLError) -> Located in
                let node = try reader.required(key)
                return Located(text: try node.string(), location: node.location)
            }
            if let field { fields[key] = field }
        }
        let disabled = problems.attempt { () throws(YAMLError) in try reader.optional("disable_rules")?.stringList() }
        var overrides: [String: ParamOverride]? = [:]
        if let node = reader.optional("rule_params") { overrides = decodeRuleParams(node) }
        // Unknown keys are reported but do not skip an otherwise complete entry.
        problems.report(contentsOf: reader.finish())
        guard fields.count == Self.requiredColumns.count, let disabled, let overrides else { return }
        add(fields, disabledRules: disabled ?? [], ruleParams: overrides, at: entry.location)
    }

    /// `rule_params:` is a mapping of rule id → a mapping of that rule's parameters. Returns nil
    /// (the entry is skipped: auditing it with parameters it did not ask for would mislead) when
    /// the shape is wrong. The parameters themselves are checked by the rule's plugin when the
    /// audit compiles them, and unknown rule ids once the rules are loaded.
    private mutating func decodeRuleParams(_ node: YAMLNode) -> [String: ParamOverride]? {
        guard let entries = node.mappingEntries else {
            problems.report(node.typeError(expected: "a mapping of rule id to parameters, e.g. { freshness.activity: { aktif_days: 180 } }"))
            return nil
        }
        var result: [String: ParamOverride] = [:]
        var valid = true
        for (key, value) in entries {
            guard let rule = problems.attempt({ () throws(YAMLError) in try key.string() }) else { valid = false; continue }
            if result[rule] != nil {
                problems.report("rule '\(rule)' is given twice in rule_params", at: key.location)
                valid = false
            } else if value.mappingEntries == nil {
                problems.report(value.typeError(expected: "a mapping of the rule's parameters"))
                valid = false
            } else {
                result[rule] = ParamOverride(ruleLocation: key.location, params: value)
            }
        }
        return valid ? result : nil
    }

    mutating func add(csv row: [CSVTable.Field], columns: [String: Int], headerCount: Int) {
        let rowStart = row[0].location
        guard row.count == headerCount else {
            problems.report("this row has \(row.count) field(s) but the header has \(headerCount); quote fields that contain commas",
                            at: rowStart)
            return
        }
        var fields: [String: Located] = [:]
        for key in Self.requiredColumns {
            let field = row[columns[key]!]
            let text = field.text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                problems.report("empty '\(key)'", at: field.location)
            } else {
                fields[key] = Located(text: text, location: field.location)
            }
        }
        guard fields.count == Self.requiredColumns.count else { return }
        let disabled = columns["disable_rules"].map { row[$0].text } ?? ""
        let rules = disabled.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        add(fields, disabledRules: rules, ruleParams: [:], at: rowStart)
    }

    /// Checks the values shared by both formats and keeps the entry when they are all valid.
    private mutating func add(_ fields: [String: Located], disabledRules: [String], ruleParams: [String: ParamOverride],
                              at location: SourceLocation) {
        guard let id = fields["id"], let name = fields["name"], let type = fields["type"], let url = fields["url"] else { return }
        var valid = true
        if !RuleDecoder.isValidID(id.text) {
            problems.report("invalid institution id '\(id.text)'; use lower-case letters, digits, '.', '_' and '-'",
                            at: id.location)
            valid = false
        } else if let first = firstSeen[id.text] {
            problems.report("duplicate institution id '\(id.text)'; first used at line \(first.line); this entry is skipped",
                            at: id.location)
            valid = false
        }
        let kind = InstitutionType(rawValue: type.text)
        if kind == nil {
            let names = InstitutionType.allCases.map(\.rawValue)
            problems.report("unknown institution type '\(type.text)'" + Suggestion.phrase(for: type.text, among: names, listing: true),
                            at: type.location)
            valid = false
        }
        if !WebAddress.isAbsoluteHTTP(url.text) {
            problems.report("'\(url.text)' is not an absolute http(s) URL", at: url.location)
            valid = false
        }
        guard valid, let kind else { return }
        firstSeen[id.text] = id.location
        institutions.append(Institution(id: id.text, name: name.text, type: kind, url: url.text,
                                        disabledRules: Set(disabledRules), ruleParams: ruleParams))
    }
}
