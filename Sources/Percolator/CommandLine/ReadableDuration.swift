/// Durations as people read them: `850 µs`, `12 ms`, `1.4 s`, `2 min 5 s`.
enum ReadableDuration {
    static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        switch total {
        case ..<0.001: return "\(Int((total * 1_000_000).rounded())) µs"
        case ..<1: return "\(Int((total * 1_000).rounded())) ms"
        case ..<60:
            let tenths = (total * 10).rounded() / 10
            return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s"
        default: return "\(Int(total) / 60) min \(Int(total) % 60) s"
        }
    }
}
