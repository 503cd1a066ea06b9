import Foundation

/// Repaints the batch's progress line ten times a second on its own thread, also
/// while one long file is cleaned (the outcomes only arrive as files finish).
final class ProgressTicker: @unchecked Sendable {
    private let meter: BatchProgress
    private let lock = NSLock()
    private var done = 0, bytes = 0
    private var running = true
    private let stopped = DispatchSemaphore(value: 0)

    init(total: Int) {
        meter = BatchProgress(total: total)
        let thread = Thread { [self] in tick() }
        thread.start()
    }

    /// One more file done, with the bytes it read.
    func advance(bytes more: Int) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        bytes += more
    }

    /// Stops repainting and clears the line.
    func stop() {
        lock.lock(); running = false; lock.unlock()
        stopped.wait()
        meter.clear()
    }

    private func tick() {
        while true {
            Thread.sleep(forTimeInterval: 0.1)
            lock.lock()
            let (goOn, done, bytes) = (running, self.done, self.bytes)
            lock.unlock()
            guard goOn else { break }
            meter.paint(done: done, bytes: bytes)
        }
        stopped.signal()
    }
}
