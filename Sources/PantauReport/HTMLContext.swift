import PantauCore

/// What every part of the HTML report needs: the labels, the options, and how to show values.
struct HTMLContext {
    let strings: Strings
    let options: ReportOptions

    init(options: ReportOptions) {
        self.options = options
        self.strings = Strings.forLanguage(options.language)
    }

    /// The analyst's title first, then the language's built-in one, then the raw name.
    func categoryTitle(_ name: String) -> String {
        options.categoryTitles[name] ?? strings.categoryTitles[name] ?? name
    }

    func score(_ value: Double) -> String { NumberText.oneDecimal(value, separator: strings.decimalSeparator) }

    /// Replaces `{key}` placeholders of a label template (values are inserted as given: escape after).
    func fill(_ template: String, _ values: [String: String]) -> String {
        values.reduce(template) { text, pair in
            text.split(separator: "{\(pair.key)}", omittingEmptySubsequences: false)
                .joined(separator: pair.value)
        }
    }

    // Badges: the text says the class; colour only repeats it (readable in black and white).

    func bandBadge(_ band: String) -> String {
        let tone: String
        switch band {
        case "informatif": tone = "good"
        case "menuju-informatif": tone = "fair"
        case "cukup-informatif": tone = "mid"
        case "kurang-informatif": tone = "low"
        case "tidak-informatif": tone = "bad"
        default: tone = ""
        }
        return badge(strings.band(band), tone: tone)
    }

    func activityBadge(_ activity: ActivityClass) -> String {
        let tone: String
        switch activity {
        case .aktif: tone = "good"
        case .kurangAktif: tone = "mid"
        case .tidakAktif: tone = "bad"
        }
        return badge(strings.activity(activity), tone: tone)
    }

    func severityBadge(_ severity: Severity) -> String {
        let tone: String
        switch severity {
        case .critical: tone = "bad"
        case .error: tone = "low"
        case .warning: tone = "mid"
        case .info: tone = ""
        }
        return badge(strings.severity(severity), tone: tone)
    }

    func sectionBadge(_ status: SectionStatus) -> String {
        let tone: String
        switch status {
        case .present: tone = "good"
        case .empty: tone = "mid"
        case .missing: tone = "bad"
        }
        return badge(strings.sectionStatus(status), tone: tone)
    }

    func unreachableBadge() -> String { badge(strings.unreachable, tone: "bad") }

    /// `tone` is one of this module's fixed class names, never data.
    private func badge(_ label: String, tone: String) -> String {
        "<span class=\"badge \(tone)\">\(HTMLEscape.text(label))</span>"
    }
}

/// Fragment ids for the institution sections, derived from institution ids.
///
/// Ids come from the inventory and may hold any character; an anchor keeps only `A-Z a-z 0-9 - _`
/// and gets a number suffix when two ids collapse to the same text.
enum HTMLAnchors {
    static func make(for institutions: [InstitutionReport]) -> [String] {
        var used = Set<String>()
        return institutions.map { inst in
            let safe = String(String.UnicodeScalarView(inst.id.unicodeScalars.map { scalar in
                let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
                return ok ? scalar : "_"
            }))
            var anchor = "inst-" + safe
            var n = 2
            while used.contains(anchor) {
                anchor = "inst-\(safe)-\(n)"
                n += 1
            }
            used.insert(anchor)
            return anchor
        }
    }
}
