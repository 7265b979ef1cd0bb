/// The order both stores keep email links in: by the SHA-256 of their token, the
/// links' primary key. A large batch of links inserted in this order over several short
/// transactions puts each transaction's rows in a narrow range of that key (issue 16: a
/// match's 100,000 feedback links, inserted in any other order, made every short
/// transaction rewrite most of the key's pages). Only an order: nothing depends on it.
public enum LinkTokenOrder {
    /// `items` sorted by the stored key of the token `token` gives each.
    public static func sorted<Item>(_ items: [Item], token: (Item) -> String) -> [Item] {
        items.map { (key: SHA256.hash(Array(token($0).utf8)), item: $0) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
            .map(\.item)
    }
}
