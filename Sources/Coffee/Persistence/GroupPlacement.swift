import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One member of a matching result with the number of its group: a history row.
///
/// A large result's history is staged in several short transactions
/// (``SessionRepository/stageHistory(groups:placements:of:matchedAt:sequence:)``). Staged in the order of
/// the members' ids (``byMember(_:)``), each transaction writes into a narrow range of the
/// indexes keyed by member instead of touching nearly every page of them (issue 16: with
/// 100,000 members staged group by group, every short transaction rewrote most of those
/// indexes).
public struct GroupPlacement: Hashable, Sendable {
    /// The group's index in ``MatchingResult/groups``.
    public var group: Int
    /// The member.
    public var member: ParticipantID

    /// A member placed in group `group`.
    public init(group: Int, member: ParticipantID) {
        self.group = group
        self.member = member
    }

    /// The members of groups `groups` of `result`, group by group.
    public static func of(_ result: MatchingResult, groups: Range<Int>) -> [GroupPlacement] {
        groups.flatMap { number in result.groups[number].members.map { GroupPlacement(group: number, member: $0) } }
    }

    /// Every member of `result`, in the byte order of their ids (the order of the
    /// stores' indexes on member ids).
    ///
    /// The ids' bytes are copied once into one buffer and positions are sorted, compared
    /// there with `memcmp` (issue 16: sorting the placements themselves compared and moved
    /// `String`s — a copy and release per comparison — a twentieth of a 100,000-member
    /// match's CPU). Equal ids keep their group order.
    public static func byMember(_ result: MatchingResult) -> [GroupPlacement] {
        let placements = of(result, groups: result.groups.indices)
        var bytes: [UInt8] = [], starts: [Int] = [], ends: [Int] = []
        starts.reserveCapacity(placements.count)
        ends.reserveCapacity(placements.count)
        for placement in placements {
            starts.append(bytes.count)
            bytes.append(contentsOf: placement.member.rawValue.utf8)
            ends.append(bytes.count)
        }
        var order = Array(placements.indices)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            order.sort { a, b in
                let lengthA = ends[a] - starts[a], lengthB = ends[b] - starts[b]
                let common = memcmp(base + starts[a], base + starts[b], min(lengthA, lengthB))
                if common != 0 { return common < 0 }
                return lengthA != lengthB ? lengthA < lengthB : a < b
            }
        }
        return order.map { placements[$0] }
    }

    /// Whether `a` comes before `b` in the byte order of their UTF-8: compared in place
    /// (`utf8.lexicographicallyPrecedes` went through the generic collection path, a fifth
    /// of a 100,000-member match's CPU outside the engine).
    public static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for index in 0..<min(x.count, y.count) where x[index] != y[index] { return x[index] < y[index] }
                return x.count < y.count
            }
        }
    }
}
