/// The console's own static asset: its stylesheet, served beside the portal's under a
/// content-hash URL (the console also uses the portal's stylesheet, script and icon).
public enum ConsoleAssets {
    /// The stylesheet (``ConsoleStylesheet``).
    public static let stylesheet = StaticAsset(stem: "console", extension: "css", contentType: "text/css; charset=utf-8",
                                               content: ConsoleStylesheet.source)
}
