// swift-tools-version:6.0
import PackageDescription

// Percolator takes no Swift package dependencies: the toolchain, Debian's C libraries
// (through systemLibrary targets) and our own small C shims are all it builds on.
let package = Package(
    name: "Percolator",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "percolator", targets: ["percolator"]),
    ],
    targets: [
        // epoll, eventfd and a few socket helpers that Glibc does not export to Swift.
        .target(name: "CLinuxShim"),
        // A small HTTP/1.1 server on POSIX sockets. Knows nothing of SCIM.
        .target(name: "HTTP", dependencies: ["CLinuxShim"]),
        // RFC 7643 / RFC 7644 as pure values and functions. No I/O.
        .target(name: "SCIM"),
        // The system's sqlite3 (Debian's libsqlite3-dev), imported as a C module.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // The system's libcrypto (Debian's libssl-dev), imported as a C module.
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", providers: [.apt(["libssl-dev"])]),
        // Cryptography from libcrypto: SHA-256, HMAC-SHA256, constant-time comparison,
        // secure random bytes, AES-256-GCM envelopes for credentials at rest.
        .target(name: "Crypto", dependencies: ["CCrypto"]),
        // The system's libpq (Debian's libpq-dev), PostgreSQL's C client, imported as a C module.
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", providers: [.apt(["libpq-dev"])]),
        // Persistence: a safe wrapper over sqlite3, migrations, tenants and tokens, SCIM resources,
        // and the domain rows (members, categories, outbox) written in the same transactions;
        // and the same port on PostgreSQL through libpq (Sources/Store/Postgres).
        .target(name: "Store", dependencies: ["CSQLite", "CLibPQ", "Crypto", "SCIM", "Coffee"]),
        // The domain: members, categories, programs, sessions, matching. No SCIM, no SQL.
        .target(name: "Coffee"),
        // The web pages' foundation: a typed HTML builder, French and English messages,
        // forms, cookies, CSRF and redirect checks, static assets and the portal's page
        // renderers, as pure values and functions over Foundation. No HTTP server, no storage.
        .target(name: "Web"),
        // The application: configuration, endpoints, logging, metrics.
        .target(name: "Percolator", dependencies: ["HTTP", "SCIM", "Store", "Coffee", "Crypto", "Web"]),
        // The command line.
        .executableTarget(name: "percolator", dependencies: ["Percolator"]),
        // libFuzzer targets (scripts/fuzz.sh): the filter grammar, the HTTP request parser,
        // the PATCH applier; FuzzerDriver is their shared entry point.
        .target(name: "FuzzerDriver"),
        .executableTarget(name: "FilterFuzzer", dependencies: ["SCIM", "FuzzerDriver"]),
        .executableTarget(name: "HTTPFuzzer", dependencies: ["HTTP", "FuzzerDriver"]),
        .executableTarget(name: "PatchFuzzer", dependencies: ["SCIM", "FuzzerDriver"]),

        // Clients and helpers shared by the test targets.
        .target(name: "TestSupport", dependencies: ["SCIM"], path: "Tests/TestSupport"),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "SCIMTests", dependencies: ["SCIM"]),
        .testTarget(name: "CoffeeTests", dependencies: ["Coffee"]),
        .testTarget(name: "WebTests", dependencies: ["Web"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Coffee"]),
        .testTarget(name: "PercolatorTests", dependencies: ["Percolator", "HTTP", "SCIM", "Store", "Coffee", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
