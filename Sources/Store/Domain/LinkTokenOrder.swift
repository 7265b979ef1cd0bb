/// The order both stores keep email links in: by the SHA-256 of their token, the
/// links' primary key. A large batch of links inserted in this order over several short
/// transactions puts each transaction's rows in a narrow range of that key (issue 16: a
/// match's 100,000 feedback links, inserted in any other order, made every short
/// transaction rewrite most of the key's pages). Only an order: nothing depends on it.
public enum LinkTokenOrder {
    /// The positions of `tokens` in the order of their stored keys.
    public static func order(of tokens: [String]) -> [Int] {
        let keys = tokens.map { SHA256.hash(Array($0.utf8)) }
        return keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
    }
}
