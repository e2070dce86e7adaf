import CLibXML2

/// Maps a charset label from an HTTP header or `<meta>` to a name libxml2 knows.
///
/// Follows the WHATWG Encoding Standard where it matters for Indonesian sites: `iso-8859-1`,
/// `latin1` and `us-ascii` are decoded as windows-1252 (browsers do, and pages labelled Latin-1
/// routinely contain 0x80-0x9F quotes and dashes). Returns nil when libxml2 has no converter.
enum Charset {
    static func libxmlName(for label: String) -> String? {
        let key = String(trimHTMLSpace(label).lowercased().map { $0 == "_" ? "-" : $0 })
        guard !key.isEmpty else { return nil }
        let name: String
        switch key {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            name = "UTF-8"
        case "iso-8859-1", "iso8859-1", "iso-8859-1:1987", "latin1", "l1", "iso-ir-100", "cp819", "ibm819",
             "us-ascii", "ascii", "ansi-x3.4-1968", "windows-1252", "cp1252", "x-cp1252":
            name = "WINDOWS-1252"
        case "utf-16", "utf-16le":
            name = "UTF-16LE"
        case "utf-16be":
            name = "UTF-16BE"
        default:
            name = key.uppercased()
        }
        return pantau_encoding_supported(name) != 0 ? name : nil
    }
}
