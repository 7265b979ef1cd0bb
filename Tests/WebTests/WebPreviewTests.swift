import Foundation
import Testing
import Web

/// Writes every page with sample data (hostile values included) to `.build/web-preview/`,
/// with the stylesheet and script, so that scripts/browser/screenshots.py can open them as
/// file:// URLs, or over loopback HTTP with the pages' security headers (`headers.txt`),
/// before the portal is wired into `percolator serve`. The asset URLs become relative
/// (`assets/…`) so they resolve next to the files either way.
@Suite("Web preview files for the browser screenshots")
struct WebPreviewTests {
    static var previewDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/web-preview", isDirectory: true)
    }

    @Test("every page in both languages is written, next to the assets it links")
    func writePreview() throws {
        let directory = Self.previewDirectory
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: directory)
        try fileManager.createDirectory(at: directory.appendingPathComponent("assets"), withIntermediateDirectories: true)
        for asset in PortalAssets.all {
            try Data(asset.bytes).write(to: directory.appendingPathComponent(String(asset.path.dropFirst())))
        }
        var names: [String] = []
        for language in Language.allCases {
            for (name, page, context) in SamplePages.all(language) {
                let html = page.document(in: context).render().replacingOccurrences(of: "=\"/assets/", with: "=\"assets/")
                let file = "\(language.tag)-\(name).html"
                try Data(html.utf8).write(to: directory.appendingPathComponent(file))
                names.append(file)
            }
        }
        try Data(names.joined(separator: "\n").utf8).write(to: directory.appendingPathComponent("pages.txt"))
        // The headers every page is served with, for screenshots.py's loopback server.
        let headers = SecurityHeaders.page.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        try Data(headers.utf8).write(to: directory.appendingPathComponent("headers.txt"))
        let written = try fileManager.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".html") }
        #expect(Set(written) == Set(names))
        #expect(fileManager.fileExists(atPath: directory.appendingPathComponent(String(PortalAssets.stylesheet.path.dropFirst())).path))
    }
}
