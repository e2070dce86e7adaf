// swift-tools-version:6.1
// Pantau's hot-path benchmarks (ordo-one/benchmark). A package of its own, so the main
// `swift build` / `swift test` never build the benchmark tooling. Run: `swift package benchmark`.
import PackageDescription

let package = Package(
    name: "PantauBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Pantau", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PantauEngine", package: "Pantau"),
            ],
            path: "Benchmarks/HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
