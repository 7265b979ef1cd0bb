/// The portal's static assets: one stylesheet, one small script and an icon
/// (../shared/design/web.md: no framework, no bundler, nothing from another origin).
public enum PortalAssets {
    /// The stylesheet (``PortalStylesheet``).
    public static let stylesheet = StaticAsset(stem: "portal", extension: "css", contentType: "text/css; charset=utf-8",
                                               content: PortalStylesheet.source)
    /// The script (``PortalScript``): progressive enhancements only; every page works without it.
    public static let script = StaticAsset(stem: "portal", extension: "js", contentType: "text/javascript; charset=utf-8",
                                           content: PortalScript.source)
    /// The icon (``PortalIcon``), linked as the pages' favicon.
    public static let icon = StaticAsset(stem: "portal", extension: "svg", contentType: "image/svg+xml",
                                         content: PortalIcon.source)
    /// Every asset.
    public static let all: [StaticAsset] = [stylesheet, script, icon]

    /// The asset served at `path`, or nil (the router answers 404). Only the current hash
    /// is served: an old URL is a miss, never another version's bytes.
    public static func asset(at path: String) -> StaticAsset? {
        all.first { $0.path == path }
    }
}
