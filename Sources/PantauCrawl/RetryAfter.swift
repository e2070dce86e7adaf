import Foundation

/// The `Retry-After` header (RFC 9110 §10.2.3): either delta-seconds or an HTTP-date.
public enum RetryAfter {
    /// Seconds to wait from `now`, or nil when `value` is neither form (the caller then falls
    /// back to a conservative pause). A date in the past means 0.
    ///
    /// HTTP-dates are read in all three forms a recipient must accept (RFC 9110 §5.6.7):
    /// IMF-fixdate, the obsolete RFC 850 form and asctime.
    public static func seconds(_ value: String, now: Date) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            // delta-seconds = 1*DIGIT; absurdly long values saturate rather than fail.
            return Double(text.count > 12 ? "999999999999" : text)
        }
        // asctime pads the day with a space ("Nov  6"); one space between fields reads all forms.
        let single = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for pattern in patterns {
            if let date = formatter(pattern).date(from: single) {
                return max(0, date.timeIntervalSince(now))
            }
        }
        return nil
    }

    private static let patterns = [
        "EEE, dd MMM yyyy HH:mm:ss 'GMT'",  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        "EEEE, dd-MMM-yy HH:mm:ss 'GMT'",   // RFC 850:     Sunday, 06-Nov-94 08:49:37 GMT
        "EEE MMM d HH:mm:ss yyyy",          // asctime:     Sun Nov  6 08:49:37 1994
    ]

    /// A fresh formatter per use: this path is rare (a 429 with a date) and formatters are not
    /// safe to share across tasks.
    private static func formatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = pattern
        formatter.isLenient = false
        return formatter
    }
}
