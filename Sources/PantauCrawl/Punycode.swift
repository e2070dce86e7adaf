import Foundation

/// Internationalised host names in their ASCII form (IDNA), so that `http://bücher.example/` and
/// `http://xn--bcher-kva.example/` are one URL to the frontier and libcurl gets a name DNS knows.
///
/// The label mapping is the part of UTS #46 that real markup needs: NFC, lowercase, the ideographic
/// full stops as dots; then each non-ASCII label is encoded with Punycode (RFC 3492) behind the
/// `xn--` prefix (RFC 5891 §4.4). Labels that are ASCII already are left as written (lowercased).
public enum IDNA {
    /// The ASCII form of `host`, or nil when a label cannot be encoded (it would overflow).
    public static func toASCII(_ host: String) -> String? {
        guard host.unicodeScalars.contains(where: { !$0.isASCII }) else { return host.lowercased() }
        let mapped = host.precomposedStringWithCanonicalMapping.lowercased()
        let separators: Set<Character> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]
        var labels: [String] = []
        for label in splitLabels(mapped, separators) {
            if label.unicodeScalars.allSatisfy(\.isASCII) {
                labels.append(label)
            } else {
                guard let encoded = Punycode.encode(label) else { return nil }
                labels.append("xn--" + encoded)
            }
        }
        return labels.joined(separator: ".")
    }

    private static func splitLabels(_ host: String, _ separators: Set<Character>) -> [String] {
        var labels: [String] = []
        var current = ""
        for character in host {
            if separators.contains(character) {
                labels.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        labels.append(current)
        return labels
    }
}

/// Punycode, RFC 3492: a Unicode string as the basic code points `a-z0-9-`.
public enum Punycode {
    // RFC 3492 §5: parameter values for Punycode.
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
    private static let initialBias = 72, initialN = 128

    /// Encodes `input` (RFC 3492 §6.3). Returns nil on overflow (labels far beyond DNS's 63 bytes).
    public static func encode(_ input: String) -> String? {
        let scalars = input.unicodeScalars.map { Int($0.value) }
        var output = scalars.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        var n = initialN, delta = 0, bias = initialBias
        while handled < scalars.count {
            guard let m = scalars.filter({ $0 >= n }).min() else { break }
            let (product, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= Int(Int32.max) - product else { return nil }
            delta += product
            n = m
            for c in scalars {
                if c < n {
                    delta += 1
                    guard delta <= Int(Int32.max) else { return nil }
                }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta: delta, numPoints: handled + 1, firstTime: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func digit(_ d: Int) -> UInt8 {
        d < 26 ? UInt8(ascii: "a") + UInt8(d) : UInt8(ascii: "0") + UInt8(d - 26)
    }

    /// RFC 3492 §6.1.
    private static func adapt(delta: Int, numPoints: Int, firstTime: Bool) -> Int {
        var delta = firstTime ? delta / damp : delta / 2
        delta += delta / numPoints
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
