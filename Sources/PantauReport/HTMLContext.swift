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

    /// A failure reason as HTML: the explanation in the report's language when there is one, with
    /// the crawl's own text after it in parentheses (kept whole: it names the host and libcurl's
    /// exact complaint, which the site's technician needs); otherwise the reason as given.
    func failure(_ reason: String) -> String {
        guard let explanation = strings.explanation(ofFailure: reason) else { return HTMLEscape.text(reason) }
        return "\(HTMLEscape.text(explanation)) (<span class=\"tech\" lang=\"en\">\(HTMLEscape.text(reason))</span>)"
    }

    /// A finding's message as HTML. Messages quote a failure reason verbatim (the link's error, why
    /// a site was unreachable); when one of the finding's evidence errors appears in the message,
    /// its first occurrence is shown as ``failure(_:)`` shows it. The message itself is unchanged
    /// in JSON and CSV.
    func message(_ finding: Finding) -> String {
        let message = finding.message
        for reason in finding.evidence.compactMap(\.error) where strings.explanation(ofFailure: reason) != nil {
            guard let range = message.range(of: reason) else { continue }
            return HTMLEscape.text(String(message[..<range.lowerBound])) + failure(reason)
                + HTMLEscape.text(String(message[range.upperBound...]))
        }
        return HTMLEscape.text(message)
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
