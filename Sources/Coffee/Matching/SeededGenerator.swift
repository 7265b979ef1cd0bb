/// A deterministic random number generator: xoshiro256** (Blackman and Vigna, 2018)
/// seeded through SplitMix64, so the same seed gives the same sequence on every
/// platform and every run. The matching engine uses it instead of the system
/// generator so that a session can be replayed from its stored seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniformly distributed integer in `0..<bound` (Lemire's multiply-shift with
    /// rejection), independent of the standard library's algorithm so results stay
    /// the same across Swift versions. Returns 0 when `bound` is not positive.
    mutating func index(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        let threshold = (0 &- range) % range
        while true {
            let product = next().multipliedFullWidth(by: range)
            if product.low >= threshold {
                return Int(product.high)
            }
        }
    }

    /// Shuffles `array` in place (Fisher–Yates) with this generator.
    mutating func shuffle<T>(_ array: inout [T]) {
        var i = array.count - 1
        while i > 0 {
            let j = index(below: i + 1)
            array.swapAt(i, j)
            i -= 1
        }
    }
}
