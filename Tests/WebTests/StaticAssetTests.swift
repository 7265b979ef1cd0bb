import Testing
import Web

@Suite("Static assets under content-hash URLs")
struct StaticAssetTests {
    @Test("FNV-1a 64 test vectors")
    func fnv() {
        #expect(ContentHash.fnv1a64Hex([]) == "cbf29ce484222325")
        #expect(ContentHash.fnv1a64Hex(Array("a".utf8)) == "af63dc4c8601ec8c")
        #expect(ContentHash.fnv1a64Hex(Array("foobar".utf8)) == "85944171f73967e8")
    }

    @Test("the stylesheet and script are served at their hashed paths with long-lived cache headers")
    func assets() throws {
        let css = PortalAssets.stylesheet, js = PortalAssets.script
        #expect(css.path == "/assets/portal.\(ContentHash.fnv1a64Hex(css.bytes)).css")
        #expect(js.path.hasPrefix("/assets/portal.") && js.path.hasSuffix(".js"))
        #expect(PortalAssets.asset(at: css.path) == css && PortalAssets.asset(at: js.path) == js)
        #expect(PortalAssets.asset(at: "/assets/portal.0000000000000000.css") == nil)
        #expect(css.contentType == "text/css; charset=utf-8" && js.contentType == "text/javascript; charset=utf-8")
        let headers = Dictionary(uniqueKeysWithValues: css.headers.map { ($0.name, $0.value) })
        #expect(headers["Cache-Control"] == "public, max-age=31536000, immutable")
        #expect(headers["X-Content-Type-Options"] == "nosniff")
        #expect(headers["Content-Type"] == css.contentType)
    }

    @Test("the icon is SVG with no script and nothing fetched (its only URL is the SVG namespace)")
    func icon() {
        let text = String(decoding: PortalAssets.icon.bytes, as: UTF8.self)
        #expect(PortalAssets.icon.contentType == "image/svg+xml" && PortalAssets.icon.path.hasSuffix(".svg"))
        #expect(text.hasPrefix("<svg") && !text.contains("<script") && !text.contains("href"))
        #expect(text.components(separatedBy: "http").count == 2)
    }

    @Test("the assets fetch nothing from another origin")
    func selfContained() {
        for asset in [PortalAssets.stylesheet, PortalAssets.script] {
            let text = String(decoding: asset.bytes, as: UTF8.self)
            #expect(!text.contains("http://") && !text.contains("https://") && !text.contains("@import") && !text.contains("url("))
        }
    }
}
