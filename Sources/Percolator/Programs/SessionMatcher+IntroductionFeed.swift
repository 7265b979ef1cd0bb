import Coffee

extension SessionMatcher {
    /// The introductions' outbox rows of a match as they are encoded, on another task, while
    /// the writer stages the history (issue 16: encoding the 50,000 introductions of a
    /// 100,000-member session took a quarter of a second before the staging could start).
    /// Rows arrive in chunks of ``SessionMatcher/introductionChunk`` groups, in group order.
    struct IntroductionFeed {
        /// The rows received so far.
        private(set) var received: Received
        private var iterator: AsyncThrowingStream<[EncodedEvents.Row], any Error>.Iterator

        init(_ iterator: AsyncThrowingStream<[EncodedEvents.Row], any Error>.Iterator, chunk: Int) {
            self.iterator = iterator
            received = Received(chunk: chunk)
        }

        /// Waits until at least `count` rows have arrived. Throws `CancellationError` when
        /// the stream ends before (the producer stops early only when cancelled).
        mutating func wait(for count: Int) async throws {
            while received.count < count {
                guard let rows = try await iterator.next() else { throw CancellationError() }
                received.chunks.append(rows)
                received.count += rows.count
            }
        }

        /// Rows received, in chunks of `chunk` rows (the last one shorter): a value a
        /// staging closure captures (copying it copies the chunks' references).
        struct Received: Sendable {
            let chunk: Int
            fileprivate(set) var chunks: [[EncodedEvents.Row]] = []
            fileprivate(set) var count = 0

            /// The rows at `positions` (group numbers), all received.
            func rows(_ positions: Range<Int>) -> [EncodedEvents.Row] {
                positions.map { chunks[$0 / chunk][$0 % chunk] }
            }
        }
    }
}
