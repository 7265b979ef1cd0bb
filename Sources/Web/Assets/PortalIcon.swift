/// The portal's icon (the tab's favicon): a coffee cup on the accent colour, as SVG. With
/// a `<link rel="icon">` to it, browsers do not ask for `/favicon.ico`.
enum PortalIcon {
    static let source = #"""
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
      <rect width="32" height="32" rx="7" fill="#0b5c4b"/>
      <path d="M8 12h13v6a6 6 0 0 1-6 6h-1a6 6 0 0 1-6-6z" fill="#fff"/>
      <path d="M21 14h1.5a3 3 0 0 1 0 6H21" fill="none" stroke="#fff" stroke-width="2"/>
      <path d="M11 6c0 2 2 2 2 4M15 6c0 2 2 2 2 4" fill="none" stroke="#fff" stroke-width="1.5" stroke-linecap="round"/>
    </svg>
    """#
}
