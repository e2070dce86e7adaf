import PantauFetch
import PantauHTML

/// A fetched HTML page parsed in the fetch's child task: the document, its links extracted and
/// resolved (cached in the document).
///
/// `@unchecked Sendable` because `HTMLDocument` is not: the child task that parses it hands it
/// over and never touches it again; from then on only the site's task uses it.
final class ParsedPage: @unchecked Sendable {
    /// The response's final URL in normal form (the document's URL).
    let finalURL: String
    let document: HTMLDocument

    private init(finalURL: String, document: HTMLDocument) {
        self.finalURL = finalURL
        self.document = document
    }

    /// Parses a 2xx HTML response; nil for anything else (the site's task handles it, or not).
    static func parse(_ result: Result<FetchResponse, FetchError>) -> ParsedPage? {
        guard case .success(let response) = result, (200..<300).contains(response.status),
              let finalURL = normalize(response.finalURL) else { return nil }
        let (mediaType, charset) = MediaSniffing.contentType(response.headers)
        guard MediaSniffing.isHTML(mediaType: mediaType, body: response.body) else { return nil }
        let document = HTMLDocument(bytes: response.body, url: finalURL, encoding: charset)
        _ = document.absoluteLinks()
        return ParsedPage(finalURL: finalURL, document: document)
    }

    /// `CrawlURL.normalize`, without Foundation for a plain http(s) URL.
    static func normalize(_ url: String) -> String? {
        URLResolver(base: url)?.normalized ?? CrawlURL.normalize(url)
    }
}
