import SCIM

/// A filter seen as SQL nests it: a chain of one associative operator (`a and b and c`,
/// however it is parenthesised) is one level with many operands, so a long chain stays
/// flat in SQL, whose parser has a bounded stack (`SQLITE_ERROR: parser stack overflow`
/// at about a hundred nested levels).
extension Filter {
    /// The operands of the `and` chain this filter heads, left to right; `[self]` when
    /// it is not an `and`.
    var conjuncts: [Filter] {
        operands { if case .and(let lhs, let rhs) = $0 { return (lhs, rhs) } else { return nil } }
    }

    /// The operands of the `or` chain this filter heads, left to right; `[self]` when
    /// it is not an `or`.
    var disjuncts: [Filter] {
        operands { if case .or(let lhs, let rhs) = $0 { return (lhs, rhs) } else { return nil } }
    }

    /// How deeply the SQL for this filter nests conditions once chains are flat: 1 for a
    /// comparison, one more for each `not`, value filter `[…]` and change between `and`
    /// and `or`.
    var flattenedDepth: Int {
        switch self {
        case .compare, .present: return 1
        case .not(let inner): return 1 + inner.flattenedDepth
        case .valuePath(_, let inner): return 1 + inner.flattenedDepth
        case .and: return 1 + (conjuncts.map(\.flattenedDepth).max() ?? 0)
        case .or: return 1 + (disjuncts.map(\.flattenedDepth).max() ?? 0)
        }
    }

    /// Splits iteratively (a chain of 400 terms is a tree 400 deep), keeping the order.
    private func operands(_ split: (Filter) -> (Filter, Filter)?) -> [Filter] {
        var result: [Filter] = []
        var pending: [Filter] = [self]
        while let next = pending.popLast() {
            if let (lhs, rhs) = split(next) {
                pending.append(rhs)
                pending.append(lhs)
            } else {
                result.append(next)
            }
        }
        return result
    }
}
