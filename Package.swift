// swift-tools-version:6.1
// Pantau: audits the websites of an Indonesian local government (crawl, rule plugins, scorecards, reports).
import PackageDescription

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
]

let package = Package(
    name: "Pantau",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pantau", targets: ["pantau"]),
        // The engine's modules, for the separate Benchmarks/ package (ordo-one/benchmark).
        .library(name: "PantauEngine", targets: ["PantauCore", "PantauHTML", "PantauRules", "PantauCrawl",
                                                 "PantauPlugins", "Freshness", "Openness", "LinkHealth"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        // System libraries named by the design card, found through pkg-config.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        // glibc's malloc.h (mallopt), for the executable's allocator tuning.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // Leaf modules: one C library each, no Pantau concepts.
        .target(name: "PantauYAML", dependencies: ["CYAML"]),
        .target(name: "PantauHTML", dependencies: ["CLibXML2"]),
        .target(name: "PantauFetch", dependencies: ["CCurl"]),

        // The audit's vocabulary: institutions, pages, findings, rules, the plugin protocol.
        .target(name: "PantauCore", dependencies: ["PantauYAML", "PantauHTML"]),
        // Rule files, scorecard config and inventories from YAML/CSV, with located errors.
        .target(name: "PantauRules", dependencies: ["PantauCore", "PantauYAML"]),
        // Crawl frontier, robots.txt, per-site crawl and run-wide link checking.
        .target(name: "PantauCrawl", dependencies: ["PantauCore", "PantauFetch", "PantauHTML"]),

        // Rule plugins: one module each, registered in Plugins/Registry.
        .target(name: "Freshness", dependencies: ["PantauCore", "PantauHTML", "PantauYAML"], path: "Plugins/Freshness"),
        .target(name: "PantauPattern", dependencies: ["PantauYAML"]),
        .target(name: "Openness", dependencies: ["PantauCore", "PantauHTML", "PantauYAML", "PantauPattern"],
                path: "Plugins/Openness"),
        .target(name: "LinkHealth", dependencies: ["PantauCore", "PantauYAML"], path: "Plugins/LinkHealth"),
        .target(name: "Content", dependencies: ["PantauCore", "PantauHTML", "PantauYAML", "PantauPattern"],
                path: "Plugins/Content"),
        .target(name: "PantauPlugins", dependencies: ["PantauCore", "Freshness", "Openness", "LinkHealth", "Content"],
                path: "Plugins/Registry"),

        // One run: institutions in a bounded task group, plugins, scorecards.
        .target(name: "PantauAudit", dependencies: ["PantauCore", "PantauRules", "PantauCrawl", "PantauFetch",
                                                    "PantauPlugins"]),
        .target(name: "PantauReport", dependencies: ["PantauCore"]),
        .target(name: "PantauHTTPServer", dependencies: nio),
        // Misbehaving loopback server (429, resets, loops, firewalls, ...) for the crawler's tests.
        .target(name: "PantauFaultServer", dependencies: ["PantauHTTPServer"] + nio),
        .target(name: "PantauDemo", dependencies: ["PantauCore", "PantauHTTPServer"]),
        .executableTarget(name: "pantau", dependencies: [
            "PantauCore", "PantauRules", "PantauAudit", "PantauReport", "PantauDemo", "PantauPlugins",
            "PantauFetch", "CMalloc", argumentParser,
        ]),

        .testTarget(name: "PantauYAMLTests", dependencies: ["PantauYAML"]),
        .testTarget(name: "PantauHTMLTests", dependencies: ["PantauHTML", "PantauDemo", "PantauCore"]),
        .testTarget(name: "PantauFetchTests", dependencies: ["PantauFetch", "PantauHTTPServer"]),
        .testTarget(name: "PantauRulesTests", dependencies: ["PantauRules", "PantauPlugins", "PantauAudit"]),
        .testTarget(name: "PantauCrawlTests", dependencies: ["PantauCrawl", "PantauHTTPServer", "PantauFaultServer"]),
        .testTarget(name: "PluginTests", dependencies: ["PantauPattern", "Freshness", "Openness", "LinkHealth", "Content", "PantauPlugins",
                                                        "PantauRules"]),
        // PantauFetch and PantauCrawl: the failure reasons the report explains, as the crawl records them.
        .testTarget(name: "PantauReportTests", dependencies: ["PantauReport", "PantauFetch", "PantauCrawl"]),
        // The CLI's own decisions (exit codes), through @testable import of the executable.
        .testTarget(name: "PantauCLITests", dependencies: ["pantau"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PantauAudit", "PantauDemo", "PantauReport",
                                                         "PantauRules", "PantauHTTPServer"]),
    ]
)
