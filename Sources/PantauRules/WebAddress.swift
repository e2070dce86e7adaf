import Foundation

/// Checks on site addresses written by analysts.
enum WebAddress {
    /// True for an absolute `http`/`https` URL with a host (`https://dinkes.example.go.id/`):
    /// the crawler fetches nothing else, so anything else is a mistake in the file.
    static func isAbsoluteHTTP(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace), let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else { return false }
        return true
    }
}
