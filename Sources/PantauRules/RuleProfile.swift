import Foundation
import PantauCore
import PantauYAML

/// Which rules run for one institution, and with which parameters.
///
/// A rule runs for an institution when the institution's type is in the rule's `applies_to`
/// and the inventory does not list the rule in `disable_rules`. The inventory's `rule_params`
/// then changes that rule's parameters for that institution only (``RuleDefinition/overriding(_:)``).
public enum RuleProfile {
    /// The rules that apply to `institution`, in their order, with its `rule_params` merged in.
    public static func rules(_ rules: [RuleDefinition], for institution: Institution) -> [RuleDefinition] {
        rules.compactMap { rule in
            guard rule.appliesTo.contains(institution.type), !institution.disabledRules.contains(rule.id) else { return nil }
            return institution.ruleParams[rule.id].map(rule.overriding) ?? rule
        }
    }

    /// Every `rule_params` entry of the inventory that names a rule the rule files do not define,
    /// or a rule that never runs for that institution's type (the override would silently do
    /// nothing), each at the rule id in the inventory file.
    ///
    /// - Parameter rules: every rule of the rule directory, before any pack is switched off, so
    ///   that an override of a rule in a pack left out of this run is not an error.
    public static func checkOverrides(of institutions: [Institution], against rules: [RuleDefinition]) -> [YAMLError] {
        let byID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var errors: [YAMLError] = []
        for institution in institutions {
            for (id, override) in institution.ruleParams.sorted(by: { $0.key < $1.key }) {
                guard let rule = byID[id] else {
                    errors.append(YAMLError("unknown rule '\(id)' in rule_params" + Suggestion.phrase(for: id, among: byID.keys.sorted()),
                                            at: override.ruleLocation))
                    continue
                }
                if !rule.appliesTo.contains(institution.type) {
                    let types = InstitutionType.allCases.filter { rule.appliesTo.contains($0) }.map(\.rawValue)
                    errors.append(YAMLError("rule '\(id)' does not apply to \(institution.type.rawValue) institutions "
                                            + "(applies_to: \(types.joined(separator: ", "))), so this override would do nothing",
                                            at: override.ruleLocation))
                }
            }
        }
        return errors.sorted(by: YAMLError.sourceOrder)
    }
}

extension RuleDefinition {
    /// This rule with `override` merged over its `params`: each key of the override replaces the
    /// rule's value for that key (a list replaces the whole list); the rule's other keys stay.
    /// Nodes keep their own locations, so the plugin reports a bad overridden value at its place
    /// in the inventory and a bad original value at its place in the rule file.
    public func overriding(_ override: ParamOverride) -> RuleDefinition {
        guard let replacements = override.params.mappingEntries else { return self }
        var entries = params?.mappingEntries ?? []
        for replacement in replacements {
            let name = replacement.key.scalarText
            if let index = entries.firstIndex(where: { $0.key.scalarText == name && name != nil }) {
                entries[index] = replacement
            } else {
                entries.append(replacement)
            }
        }
        var copy = self
        copy.params = YAMLNode(kind: .mapping(entries), location: override.params.location)
        return copy
    }
}

/// A run's choice of rule packs (`--packs`, `--disable-pack`).
///
/// A pack is one rule file: its `pack:` name, or the file name without `.yaml`/`.yml`. Either
/// name selects it.
public struct PackSelection: Sendable, Hashable {
    /// Only these packs run; nil means every pack.
    public var only: [String]?
    /// These packs do not run (applied after `only`).
    public var disabled: [String]

    public init(only: [String]? = nil, disabled: [String] = []) {
        self.only = only
        self.disabled = disabled
    }

    /// True when the selection keeps every pack.
    public var keepsEverything: Bool { only == nil && disabled.isEmpty }
}

/// A pack named on the command line that no rule file defines.
public struct PackSelectionError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension RuleSet {
    /// The names a pack answers to: its `pack:` name and its file's base name.
    static func names(of pack: RulePack) -> Set<String> {
        let base = ((pack.file as NSString).lastPathComponent as NSString).deletingPathExtension
        return [pack.name, base]
    }

    /// This rule set with only the selected packs' rules (the scorecard is kept).
    /// - Throws: ``PackSelectionError`` naming every unknown pack, with the nearest known name.
    public func selecting(_ selection: PackSelection) throws(PackSelectionError) -> RuleSet {
        guard !selection.keepsEverything else { return self }
        let known = packs.flatMap { Self.names(of: $0) }
        let knownSorted = Array(Set(known)).sorted()
        var unknown: [String] = []
        for name in (selection.only ?? []) + selection.disabled where !known.contains(name) {
            unknown.append("unknown rule pack '\(name)'" + Suggestion.phrase(for: name, among: knownSorted, listing: true))
        }
        guard unknown.isEmpty else { throw PackSelectionError(description: unknown.joined(separator: "\n")) }
        let kept = packs.filter { pack in
            let names = Self.names(of: pack)
            let wanted = selection.only.map { !names.isDisjoint(with: $0) } ?? true
            return wanted && names.isDisjoint(with: selection.disabled)
        }
        let ids = Set(kept.flatMap(\.ruleIDs))
        return RuleSet(rules: rules.filter { ids.contains($0.id) }, scorecard: scorecard, packs: kept, directory: directory)
    }
}
