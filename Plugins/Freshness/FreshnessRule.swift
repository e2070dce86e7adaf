import PantauCore
import PantauYAML

/// One freshness rule with its thresholds checked.
///
/// Defaults: `aktif_days` 90 (the 3-month practice of district communication offices) and
/// `kurang_aktif_days` 180 (UU 14/2008 Art. 9: periodic information at least every 6 months).
public struct FreshnessRule: Sendable, Hashable {
    public var id: String
    public var severity: Severity
    public var appliesTo: Set<InstitutionType>
    /// Newest content at most this many days old (inclusive) makes a site `aktif`.
    public var aktifDays: Int
    /// Newest content at most this many days old (inclusive) makes a site `kurang-aktif`.
    public var kurangAktifDays: Int

    public static let defaultAktifDays = 90
    public static let defaultKurangAktifDays = 180
    /// Thresholds beyond ten years make no sense for an activity class.
    public static let allowedDays = 1...3650
    static let paramKeys = ["aktif_days", "kurang_aktif_days"]

    public init(id: String, severity: Severity = .warning, appliesTo: Set<InstitutionType> = Set(InstitutionType.allCases),
                aktifDays: Int = FreshnessRule.defaultAktifDays,
                kurangAktifDays: Int = FreshnessRule.defaultKurangAktifDays) {
        self.id = id
        self.severity = severity
        self.appliesTo = appliesTo
        self.aktifDays = aktifDays
        self.kurangAktifDays = kurangAktifDays
    }

    /// The activity class of a site whose newest content is `age` days old (nil: none found).
    public func activity(age: Int?) -> ActivityClass {
        guard let age else { return .tidakAktif }
        if age <= aktifDays { return .aktif }
        if age <= kurangAktifDays { return .kurangAktif }
        return .tidakAktif
    }

    /// Checks a rule's `params` (a mapping with only `aktif_days` and `kurang_aktif_days`, both
    /// optional whole numbers in 1...3650, `aktif_days` < `kurang_aktif_days`).
    /// - Returns: the rule, or every problem found, each located at its YAML node.
    static func compile(_ definition: RuleDefinition) -> Result<FreshnessRule, RuleErrors> {
        var rule = FreshnessRule(id: definition.id, severity: definition.severity, appliesTo: definition.appliesTo)
        guard let params = definition.params, !params.isNull else { return .success(rule) }
        var diagnostics = Diagnostics()
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in
            try MappingReader(params, expected: "a mapping of freshness parameters")
        }) else {
            return .failure(RuleErrors(diagnostics.errors))
        }
        let aktifNode = reader.optional("aktif_days")
        let kurangNode = reader.optional("kurang_aktif_days")
        let aktif = aktifNode.flatMap { node in diagnostics.attempt { () throws(YAMLError) in try node.int(in: allowedDays) } }
        let kurang = kurangNode.flatMap { node in diagnostics.attempt { () throws(YAMLError) in try node.int(in: allowedDays) } }
        diagnostics.report(contentsOf: reader.finish(allowedKeys: paramKeys))
        if let aktif { rule.aktifDays = aktif }
        if let kurang { rule.kurangAktifDays = kurang }
        let aktifValid = aktifNode == nil || aktif != nil
        let kurangValid = kurangNode == nil || kurang != nil
        if aktifValid && kurangValid && rule.aktifDays >= rule.kurangAktifDays {
            let at = kurangNode?.location ?? aktifNode?.location ?? params.location
            diagnostics.report("aktif_days (\(rule.aktifDays)) must be less than kurang_aktif_days (\(rule.kurangAktifDays))",
                               at: at)
        }
        return diagnostics.isEmpty ? .success(rule) : .failure(RuleErrors(diagnostics.sorted))
    }
}
