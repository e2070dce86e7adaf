import PantauCore
import PantauFetch
import PantauHTML

/// A fetched HTML page read in the fetch's child task: parsed, its links resolved, and examined
/// by every inspector's ``PageExaminer``, so that all of a page's own work runs on any core and
/// the site's task only folds the results in.
///
/// `@unchecked Sendable` because ``Page`` holds an `HTMLDocument`: the child task that builds it
/// hands it over and never touches it again; from then on only the site's task uses it.
final class ParsedPage: @unchecked Sendable {
    /// The response's final URL in normal form (the page's URL).
    let finalURL: String
    let page: Page
    /// Per inspector, in the crawl's inspector order: its examiner's result, or nil when it has none.
    let examined: [(any Sendable)?]

    private init(finalURL: String, page: Page, examined: [(any Sendable)?]) {
        self.finalURL = finalURL
        self.page = page
        self.examined = examined
    }

    /// Parses and examines a 2xx HTML response; nil for anything else (the site's task handles
    /// it, or not).
    static func parse(_ result: Result<FetchResponse, FetchError>, item: FrontierItem,
                      examiners: [(any PageExaminer)?]) -> ParsedPage? {
        guard case .success(let response) = result, (200..<300).contains(response.status),
              let finalURL = normalize(response.finalURL) else { return nil }
        let (mediaType, charset) = MediaSniffing.contentType(response.headers)
        guard MediaSniffing.isHTML(mediaType: mediaType, body: response.body) else { return nil }
        let document = HTMLDocument(bytes: response.body, url: finalURL, encoding: charset)
        _ = document.absoluteLinks()
        let page = makePage(response, finalURL: finalURL, item: item, mediaType: mediaType, document: document)
        return ParsedPage(finalURL: finalURL, page: page, examined: examiners.map { $0?.examine(page) })
    }

    /// The page the plugins see for a response (built here for parsed pages, and by the site's
    /// task for the others).
    static func makePage(_ response: FetchResponse, finalURL: String, item: FrontierItem, mediaType: String?,
                         document: HTMLDocument?) -> Page {
        Page(url: finalURL, requestedURL: item.url, status: response.status,
             headers: response.headers.map { HTTPHeader(name: $0.name, value: $0.value) },
             mediaType: mediaType, body: response.body, depth: item.depth, role: item.role, document: document)
    }

    /// `CrawlURL.normalize`, without Foundation for a plain http(s) URL.
    static func normalize(_ url: String) -> String? {
        URLResolver(base: url)?.normalized ?? CrawlURL.normalize(url)
    }
}
